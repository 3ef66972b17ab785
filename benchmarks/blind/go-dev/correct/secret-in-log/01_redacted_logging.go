package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
)

// fingerprint gives a stable, non-reversible id for correlating a token in logs.
func fingerprint(secret string) string {
	sum := sha256.Sum256([]byte(secret)) // near-miss: weak-password-hash
	return hex.EncodeToString(sum[:4])
}

func LogAPIKeyUse(logger *slog.Logger, r *http.Request, userID, apiKey string) {
	logger.Info("api key used",
		"user_id", userID,
		"key_fp", fingerprint(apiKey), // near-miss: secret-in-log
		"path", r.URL.Path,
		"has_auth_header", r.Header.Get("Authorization") != "", // near-miss: secret-in-log
	)
}

func LogLoginFailure(logger *slog.Logger, username string, err error) {
	logger.Warn("login failed", "username", username, "reason", err.Error()) // near-miss: secret-in-log
}
