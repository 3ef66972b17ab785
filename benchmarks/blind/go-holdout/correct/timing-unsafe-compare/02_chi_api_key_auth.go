package apikey

import (
	"context"
	"crypto/subtle"
	"net/http"

	"github.com/go-chi/chi/v5"
	"golang.org/x/crypto/argon2"
)

// Record is an API key row; Hash is argon2id(key, Salt).
type Record struct {
	ID      string
	OwnerID string
	Salt    []byte
	Hash    []byte
	Status  string
}

type Finder func(ctx context.Context, prefix string) (*Record, error)

type ownerKey struct{}

func derive(raw string, salt []byte) []byte {
	return argon2.IDKey([]byte(raw), salt, 1, 19*1024, 2, 32)
}

func Authenticate(find Finder) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw := r.Header.Get("X-API-Key")
			if len(raw) < 12 {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			rec, err := find(r.Context(), raw[:8])
			if err != nil || rec == nil || rec.Status != "active" { // near-miss: timing-unsafe-compare
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			if subtle.ConstantTimeCompare(derive(raw, rec.Salt), rec.Hash) != 1 { // near-miss: timing-unsafe-compare
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ownerKey{}, rec.OwnerID)))
		})
	}
}

func Routes(find Finder, h http.Handler) chi.Router {
	r := chi.NewRouter()
	r.Use(Authenticate(find))
	r.Get("/v1/owners/{id}/ping", func(w http.ResponseWriter, req *http.Request) {
		if chi.URLParam(req, "id") == req.Context().Value(ownerKey{}) { // near-miss: timing-unsafe-compare
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	})
	r.Handle("/v1/*", h)
	return r
}
