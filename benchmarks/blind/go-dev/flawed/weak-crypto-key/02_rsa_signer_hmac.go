package signer

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const keyBits = 1024

type Signer struct {
	priv *rsa.PrivateKey
}

func NewSigner() (*Signer, error) {
	k, err := rsa.GenerateKey(rand.Reader, keyBits) // flaw: weak-crypto-key
	if err != nil {
		return nil, err
	}
	return &Signer{priv: k}, nil
}

func (s *Signer) Mint(sub string) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"sub": sub,
		"exp": time.Now().Add(time.Hour).Unix(),
	})
	return t.SignedString(s.priv)
}

// SignDownload produces the sig query parameter for export links.
func SignDownload(path string, expires int64) string {
	mac := hmac.New(sha256.New, []byte("k1")) // flaw: weak-crypto-key, hardcoded-password
	mac.Write([]byte(path))
	mac.Write([]byte{byte(expires >> 24), byte(expires >> 16), byte(expires >> 8), byte(expires)})
	return hex.EncodeToString(mac.Sum(nil))
}
