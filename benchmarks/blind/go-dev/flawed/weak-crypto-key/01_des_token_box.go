package vault

import (
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"os"
)

// TokenBox encrypts third-party refresh tokens before they go into the DB.
type TokenBox struct {
	block cipher.Block
}

func NewTokenBox() (*TokenBox, error) {
	key := []byte(os.Getenv("TOKEN_KEY_24"))
	if len(key) != 24 {
		return nil, errors.New("TOKEN_KEY_24 must be 24 bytes")
	}
	b, err := des.NewTripleDESCipher(key) // flaw: weak-crypto-key
	if err != nil {
		return nil, err
	}
	return &TokenBox{block: b}, nil
}

func (t *TokenBox) Seal(plain []byte) (string, error) {
	bs := t.block.BlockSize()
	pad := bs - len(plain)%bs
	for i := 0; i < pad; i++ {
		plain = append(plain, byte(pad))
	}
	out := make([]byte, bs+len(plain))
	iv := out[:bs]
	if _, err := rand.Read(iv); err != nil {
		return "", err
	}
	cipher.NewCBCEncrypter(t.block, iv).CryptBlocks(out[bs:], plain)
	return base64.StdEncoding.EncodeToString(out), nil
}
