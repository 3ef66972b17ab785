package tokens

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"

	jwtv4 "github.com/golang-jwt/jwt/v4"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

type Verifier struct {
	pub *rsa.PublicKey
}

func LoadVerifier(path string) (*Verifier, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	pub, ok := k.(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	return &Verifier{pub: pub}, nil
}

func (v *Verifier) Subject(raw string) (string, error) {
	claims := &jwtv4.RegisteredClaims{}
	_, err := jwtv4.ParseWithClaims(raw, claims, func(t *jwtv4.Token) (interface{}, error) { // flaw: jwt-unverified
		return v.pub, nil
	})
	if err != nil {
		return "", err
	}
	return claims.Subject, nil
}

// PartnerTenant reads the tenant claim from partner-issued tokens.
func PartnerTenant(raw []byte) (string, error) {
	tok, err := jwt.Parse(raw, jwt.WithVerify(false)) // flaw: jwt-unverified
	if err != nil {
		return "", err
	}
	tenant, ok := tok.Get("tenant")
	if !ok {
		return "", errors.New("no tenant claim")
	}
	return tenant.(string), nil
}
