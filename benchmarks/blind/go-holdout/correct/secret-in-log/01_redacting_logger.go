package logging

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
)

var sensitive = map[string]bool{
	"authorization": true,
	"cookie":        true,
	"x-api-key":     true,
}

// Fingerprint gives a stable, non-reversible handle for correlating tokens
// across log lines.
func Fingerprint(secret string) string {
	sum := sha256.Sum256([]byte(secret)) // near-miss: weak-password-hash
	return hex.EncodeToString(sum[:4])
}

func headerAttrs(h http.Header) []any {
	out := make([]any, 0, len(h))
	for k, v := range h {
		val := strings.Join(v, ",")
		if sensitive[strings.ToLower(k)] {
			val = "[redacted]"
		}
		out = append(out, slog.String("h."+k, val))
	}
	return out
}

func Requests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Info("request", append(headerAttrs(r.Header), "path", r.URL.Path)...)
		next.ServeHTTP(w, r)
	})
}

func LogTokenRefresh(log *slog.Logger, userID, refreshToken string) {
	log.Info("refresh token rotated", "user", userID, "token_fp", Fingerprint(refreshToken)) // near-miss: secret-in-log
}
