package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"
)

type Decision struct {
	Result *bool `json:"result"`
}

type OPAClient struct {
	URL     string
	HTTP    *http.Client
	Timeout time.Duration
}

type Input struct {
	Subject string `json:"subject"`
	Method  string `json:"method"`
	Path    string `json:"path"`
}

func (o *OPAClient) Allowed(ctx context.Context, in Input) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	body, _ := json.Marshal(map[string]Input{"input": in})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, o.URL, bytes.NewReader(body))
	resp, err := o.HTTP.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var d Decision
	if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
		return false, err
	}
	if d.Result == nil {
		return true, nil // flaw: fail-open-authz
	}
	return *d.Result, nil
}

type subjectFunc func(*http.Request) string

// Authorize returns middleware that asks OPA about every request.
func Authorize(o *OPAClient, subject subjectFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ok, err := o.Allowed(r.Context(), Input{Subject: subject(r), Method: r.Method, Path: r.URL.Path})
			if err != nil {
				// keep the dashboard usable while OPA is rolling
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
