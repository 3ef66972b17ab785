package tokens

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
	"net/http"
	"time"
)

// NewSessionID returns 32 bytes from the OS CSPRNG.
func NewSessionID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil { // near-miss: insecure-random-token
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// NewOTP returns a 6 digit one-time code.
func NewOTP() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000)) // near-miss: insecure-random-token
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func IssueRememberMe(w http.ResponseWriter) error {
	tok, err := NewSessionID()
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name:     "remember",
		Value:    tok,
		Path:     "/",
		Expires:  time.Now().Add(14 * 24 * time.Hour),
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	})
	return nil
}
