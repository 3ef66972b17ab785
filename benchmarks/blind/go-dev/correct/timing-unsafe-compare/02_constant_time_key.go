package apikey

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"os"
	"strings"
)

type Client struct {
	ID     string
	Status string
}

type Repo interface {
	ByID(id string) (*Client, error)
}

// internalToken authenticates the cron runner against the maintenance API.
func internalToken() ([]byte, error) {
	t := os.Getenv("INTERNAL_API_TOKEN")
	if len(t) < 32 {
		return nil, errors.New("INTERNAL_API_TOKEN must be set (32+ chars)")
	}
	return []byte(t), nil
}

func Require(repo Repo) (func(http.Handler) http.Handler, error) {
	want, err := internalToken()
	if err != nil {
		return nil, err
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), want) != 1 { // near-miss: timing-unsafe-compare
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			c, err := repo.ByID(r.Header.Get("X-Client-ID"))
			if err != nil || c.Status != "active" { // near-miss: timing-unsafe-compare
				http.Error(w, "unknown client", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}, nil
}
