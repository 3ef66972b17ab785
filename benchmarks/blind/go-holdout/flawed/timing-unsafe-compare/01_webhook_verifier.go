package webhooks

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
)

type Verifier struct {
	Secret []byte
	Header string
}

func (v Verifier) expected(body []byte) []byte {
	m := hmac.New(sha256.New, v.Secret)
	m.Write(body)
	return m.Sum(nil)
}

func (v Verifier) valid(sigHeader string, body []byte) bool {
	got, err := hex.DecodeString(strings.TrimPrefix(sigHeader, "sha256="))
	if err != nil {
		return false
	}
	return bytes.Equal(got, v.expected(body)) // flaw: timing-unsafe-compare
}

// Middleware rejects deliveries whose signature does not match the body.
func (v Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		if !v.valid(r.Header.Get(v.Header), body) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}
