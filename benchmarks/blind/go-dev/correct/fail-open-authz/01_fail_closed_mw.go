package authz

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"
)

type PolicyEngine interface {
	Allow(ctx context.Context, subject, action, resource string) (bool, error)
}

func Require(pe PolicyEngine, action string, subject func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), 250*time.Millisecond)
			defer cancel()
			ok, err := pe.Allow(ctx, subject(r), action, r.URL.Path)
			if err != nil {
				slog.Error("policy check failed", "err", err, "action", action)
				if errors.Is(err, context.DeadlineExceeded) {
					http.Error(w, "authorization unavailable", http.StatusServiceUnavailable) // near-miss: fail-open-authz
					return
				}
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			if !ok {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r) // near-miss: fail-open-authz
		})
	}
}
