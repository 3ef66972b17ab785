package middleware

import (
	"net/http"
	"time"

	"go.uber.org/zap"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// loggedHeaders are copied into each access-log line for debugging proxies.
var loggedHeaders = []string{"User-Agent", "X-Request-Id", "X-Forwarded-For", "Authorization"} // flaw: secret-in-log

func headerFields(r *http.Request) []zap.Field {
	fields := make([]zap.Field, 0, len(loggedHeaders))
	for _, h := range loggedHeaders {
		if v := r.Header.Get(h); v != "" {
			fields = append(fields, zap.String("h."+h, v))
		}
	}
	return fields
}

// AccessLog returns middleware writing one structured line per request.
func AccessLog(log *zap.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			fields := append(headerFields(r),
				zap.String("method", r.Method),
				zap.String("path", r.URL.Path),
				zap.String("share_token", r.URL.Query().Get("token")), // flaw: secret-in-log
				zap.Int("status", rec.status),
				zap.Duration("took", time.Since(start)),
			)
			log.Info("request", fields...)
		})
	}
}
