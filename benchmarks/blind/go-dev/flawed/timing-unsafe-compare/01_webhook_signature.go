package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
)

type Dispatcher interface {
	Dispatch(event []byte) error
}

func StripeLike(d Dispatcher) http.HandlerFunc {
	secret := []byte(os.Getenv("WEBHOOK_SECRET"))
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "read error", http.StatusBadRequest)
			return
		}
		mac := hmac.New(sha256.New, secret)
		mac.Write(body)
		expected := hex.EncodeToString(mac.Sum(nil))
		if r.Header.Get("X-Signature-256") != "sha256="+expected { // flaw: timing-unsafe-compare
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if err := d.Dispatch(body); err != nil {
			http.Error(w, "dispatch failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	}
}
