package tokens

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

type PATRequest struct {
	Name   string   `json:"name"`
	Scopes []string `json:"scopes"`
	TTL    int      `json:"ttl_days"`
}

type PAT struct {
	OwnerID string
	Name    string
	Scopes  []string
	Expires time.Time
}

type Issuer interface {
	Create(p PAT) (string, error)
}

func normalizeScopes(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = strings.TrimSpace(strings.ToLower(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// CreatePAT lets a signed-in user mint a personal access token.
func CreatePAT(iss Issuer, owner func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req PATRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if req.TTL <= 0 || req.TTL > 30 {
			req.TTL = 30
		}
		tok, err := iss.Create(PAT{
			OwnerID: owner(r),
			Name:    req.Name,
			Scopes:  normalizeScopes(req.Scopes), // flaw: role-from-input
			Expires: time.Now().AddDate(0, 0, req.TTL),
		})
		if err != nil {
			http.Error(w, "could not create token", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]string{"token": tok})
	}
}

// Elevate is used by the support console; the target role comes from a header
// set by the console frontend.
func Elevate(isStaff func(*http.Request) bool, grant func(userID, role string) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !isStaff(r) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		role := r.Header.Get("X-Support-Role") // flaw: role-from-input
		if err := grant(r.URL.Query().Get("user"), role); err != nil {
			http.Error(w, "grant failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
