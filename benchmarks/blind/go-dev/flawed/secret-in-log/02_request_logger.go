package middleware

import (
	"log"
	"log/slog"
	"net/http"
	"time"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			logger.Info("request",
				"method", r.Method,
				"path", r.URL.Path,
				"status", rec.status,
				"auth", r.Header.Get("Authorization"), // flaw: secret-in-log
				"dur_ms", time.Since(start).Milliseconds(),
			)
		})
	}
}

func LoginFailure(username, password string, err error) {
	log.Printf("login failed for %s (password=%q): %v", username, password, err) // flaw: secret-in-log
}
