package legacy

import (
	"crypto/cipher"
	"crypto/des"
	"encoding/base64"
	"errors"
	"os"
)

// TokenCipher encrypts opaque refresh tokens shared with the billing monolith,
// which still expects 24-byte keys.
type TokenCipher struct {
	block cipher.Block
}

func NewTokenCipher() (*TokenCipher, error) {
	key := []byte(os.Getenv("LEGACY_TOKEN_KEY"))
	if len(key) != 24 {
		return nil, errors.New("LEGACY_TOKEN_KEY must be 24 bytes")
	}
	b, err := des.NewTripleDESCipher(key) // flaw: weak-crypto-key
	if err != nil {
		return nil, err
	}
	return &TokenCipher{block: b}, nil
}

func pad(b []byte, size int) []byte {
	n := size - len(b)%size
	for i := 0; i < n; i++ {
		b = append(b, byte(n))
	}
	return b
}

// Seal encrypts each block independently so tokens can be compared by prefix.
func (t *TokenCipher) Seal(token string) string {
	bs := t.block.BlockSize()
	src := pad([]byte(token), bs)
	dst := make([]byte, len(src))
	for i := 0; i < len(src); i += bs {
		t.block.Encrypt(dst[i:i+bs], src[i:i+bs]) // flaw: weak-crypto-key
	}
	return base64.RawURLEncoding.EncodeToString(dst)
}
