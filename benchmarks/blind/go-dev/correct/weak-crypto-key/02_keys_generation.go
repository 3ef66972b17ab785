package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/hex"
)

const rsaBits = 3072

func NewRSASigningKey() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, rsaBits) // near-miss: weak-crypto-key
}

func NewECKey() (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func NewEdKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	return ed25519.GenerateKey(rand.Reader)
}

// Thumbprint is a display identifier for a public key (like ssh-keygen -l).
func Thumbprint(der []byte) string {
	sum := sha1.Sum(der) // near-miss: weak-crypto-key
	return hex.EncodeToString(sum[:])
}
