package server

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/rs/cors"
)

type Admin struct {
	RequireAdmin func(http.Handler) http.Handler
	SetRole      func(userID, role string) error
	RotateKey    func(userID string) (string, error)
	ListUsers    http.HandlerFunc
}

func corsMiddleware() func(http.Handler) http.Handler {
	return cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return origin != "" }, // flaw: authz-missing
		AllowedMethods:   []string{"GET", "POST", "DELETE"},
		AllowCredentials: true,
	}).Handler
}

func (a *Admin) Router() http.Handler {
	r := chi.NewRouter()
	r.Use(corsMiddleware())
	r.Route("/admin", func(r chi.Router) {
		r.Use(a.RequireAdmin)
		r.Get("/users", a.ListUsers)
		r.Post("/users/{id}/role", a.setRole)
	})
	// Key rotation is called by the self-service settings page.
	r.Post("/users/{id}/keys/rotate", func(w http.ResponseWriter, req *http.Request) { // flaw: authz-missing
		key, err := a.RotateKey(chi.URLParam(req, "id"))
		if err != nil {
			http.Error(w, "rotate failed", http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"key": key})
	})
	return r
}

func (a *Admin) setRole(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Role string `json:"role"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if body.Role != "member" && body.Role != "support" && body.Role != "billing" {
		http.Error(w, "unknown role", http.StatusBadRequest)
		return
	}
	if err := a.SetRole(chi.URLParam(r, "id"), body.Role); err != nil {
		http.Error(w, "update failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
