package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
)

type Verifier struct {
	Secret []byte
}

func (v Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sigHeader := r.Header.Get("X-Hub-Signature-256")
		if sigHeader == "" { // near-miss: timing-unsafe-compare
			http.Error(w, "missing signature", http.StatusUnauthorized)
			return
		}
		got, err := hex.DecodeString(strings.TrimPrefix(sigHeader, "sha256="))
		if err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		mac := hmac.New(sha256.New, v.Secret)
		mac.Write(body)
		if !hmac.Equal(got, mac.Sum(nil)) { // near-miss: timing-unsafe-compare
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		next.ServeHTTP(w, r)
	})
}
