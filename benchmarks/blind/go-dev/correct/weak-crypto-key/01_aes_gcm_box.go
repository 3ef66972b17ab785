package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
)

type Box struct {
	aead cipher.AEAD
}

func FromEnv() (*Box, error) {
	key, err := hex.DecodeString(os.Getenv("SECRETBOX_KEY"))
	if err != nil || len(key) != 32 {
		return nil, errors.New("SECRETBOX_KEY must be 32 hex-encoded bytes")
	}
	block, err := aes.NewCipher(key) // near-miss: weak-crypto-key
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

func (b *Box) Seal(plain []byte) ([]byte, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return b.aead.Seal(nonce, nonce, plain, nil), nil
}

func (b *Box) Open(sealed []byte) ([]byte, error) {
	ns := b.aead.NonceSize()
	if len(sealed) < ns {
		return nil, errors.New("ciphertext too short")
	}
	return b.aead.Open(nil, sealed[:ns], sealed[ns:], nil)
}
