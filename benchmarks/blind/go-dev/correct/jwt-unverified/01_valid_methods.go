package authn

import (
	"crypto/rsa"
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

type Validator struct {
	keys     map[string]*rsa.PublicKey
	issuer   string
	audience string
}

// Validate parses unverified only to read kid, then verifies with that key.
func (v *Validator) Validate(raw string) (*jwt.RegisteredClaims, error) {
	unverified, _, err := jwt.NewParser().ParseUnverified(raw, &jwt.RegisteredClaims{}) // near-miss: jwt-unverified
	if err != nil {
		return nil, err
	}
	kid, _ := unverified.Header["kid"].(string)
	key, ok := v.keys[kid]
	if !ok {
		return nil, fmt.Errorf("unknown key id")
	}
	claims := &jwt.RegisteredClaims{}
	_, err = jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		return key, nil
	},
		jwt.WithValidMethods([]string{"RS256"}), // near-miss: jwt-unverified
		jwt.WithIssuer(v.issuer),
		jwt.WithAudience(v.audience),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return nil, errors.Join(errors.New("invalid token"), err)
	}
	return claims, nil
}
