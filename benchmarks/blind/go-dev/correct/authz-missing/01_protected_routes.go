package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

type Handlers struct {
	Health      http.HandlerFunc
	SetRole     http.HandlerFunc
	RotateKey   http.HandlerFunc
	RequireUser func(http.Handler) http.Handler
	RequirePerm func(perm string) func(http.Handler) http.Handler
}

func Routes(h Handlers) http.Handler {
	r := chi.NewRouter()
	r.Get("/healthz", h.Health) // near-miss: authz-missing

	r.Route("/admin", func(r chi.Router) {
		r.Use(h.RequireUser)
		r.With(h.RequirePerm("users:manage")).Post("/users/{id}/role", h.SetRole) // near-miss: authz-missing
		r.With(h.RequirePerm("keys:rotate")).Post("/keys/rotate", h.RotateKey)
	})
	return r
}
