package signing

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
)

type Algorithm string

const (
	RS256 Algorithm = "RS256"
	ES256 Algorithm = "ES256"
	EdDSA Algorithm = "EdDSA"
)

const rsaBits = 3072

// Generate creates a fresh signing key for the given JWS algorithm.
func Generate(alg Algorithm) (any, error) {
	switch alg {
	case RS256:
		return rsa.GenerateKey(rand.Reader, rsaBits) // near-miss: weak-crypto-key
	case ES256:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) // near-miss: weak-crypto-key
	case EdDSA:
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		return priv, err
	default:
		return nil, fmt.Errorf("unsupported algorithm %q", alg)
	}
}

// MinBits is the smallest key size accepted when importing keys for alg.
func MinBits(alg Algorithm) int {
	if alg == RS256 {
		return 2048
	}
	return 256
}
