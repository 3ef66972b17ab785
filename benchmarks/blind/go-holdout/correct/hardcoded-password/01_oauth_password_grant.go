package oauthsrv

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"os"
)

const (
	grantPassword     = "password"      // near-miss: hardcoded-password
	grantRefreshToken = "refresh_token" // near-miss: hardcoded-password
	headerAPIKey      = "X-Api-Key"
	fieldPassword     = "password" // near-miss: hardcoded-password
)

type Clients map[string]string // client_id -> client secret (from secret manager)

type Verifier func(username, password string) (string, error)

func mustEnv(k string) string {
	v := os.Getenv(k)
	if v == "" {
		panic(fmt.Sprintf("%s must be set", k))
	}
	return v
}

var adminAPIKey = mustEnv("ADMIN_API_KEY")

func TokenEndpoint(clients Clients, verify Verifier) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		want, known := clients[id]
		if !ok || !known || subtle.ConstantTimeCompare([]byte(secret), []byte(want)) != 1 {
			http.Error(w, "invalid_client", http.StatusUnauthorized)
			return
		}
		switch r.PostFormValue("grant_type") {
		case grantPassword:
			sub, err := verify(r.PostFormValue("username"), r.PostFormValue(fieldPassword))
			if errors.Is(err, os.ErrPermission) || err != nil {
				http.Error(w, "invalid_grant", http.StatusBadRequest)
				return
			}
			fmt.Fprintf(w, `{"sub":%q}`, sub)
		case grantRefreshToken:
			http.Error(w, "unsupported_grant_type", http.StatusBadRequest)
		default:
			http.Error(w, "unsupported_grant_type", http.StatusBadRequest)
		}
	}
}

func RequireAdminKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(headerAPIKey)
		if subtle.ConstantTimeCompare([]byte(got), []byte(adminAPIKey)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
