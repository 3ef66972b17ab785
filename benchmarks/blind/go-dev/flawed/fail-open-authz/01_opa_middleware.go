package authz

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

type Decision struct {
	Result bool `json:"result"`
}

type OPAClient struct {
	URL string
	HC  *http.Client
}

func (c *OPAClient) Allowed(ctx context.Context, input map[string]any) (bool, error) {
	body, _ := json.Marshal(map[string]any{"input": input})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var d Decision
	if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
		return false, err
	}
	return d.Result, nil
}

func Middleware(opa *OPAClient, userFrom func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), 300*time.Millisecond)
			defer cancel()
			ok, err := opa.Allowed(ctx, map[string]any{
				"user":   userFrom(r),
				"method": r.Method,
				"path":   r.URL.Path,
			})
			if err != nil {
				slog.Warn("policy engine unavailable, continuing", "err", err)
				next.ServeHTTP(w, r) // flaw: fail-open-authz
				return
			}
			if !ok {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
