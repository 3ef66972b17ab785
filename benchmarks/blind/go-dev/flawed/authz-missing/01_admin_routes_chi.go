package server

import (
	"encoding/json"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

type AdminService interface {
	SetRole(userID, role string) error
	ListUsers() ([]string, error)
}

type Auth interface {
	RequireUser(http.Handler) http.Handler
	RequireAdmin(http.Handler) http.Handler
}

func NewRouter(svc AdminService, auth Auth) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)

	r.Group(func(r chi.Router) {
		r.Use(auth.RequireUser, auth.RequireAdmin)
		r.Get("/admin/users", func(w http.ResponseWriter, r *http.Request) {
			users, err := svc.ListUsers()
			if err != nil {
				http.Error(w, "error", http.StatusInternalServerError)
				return
			}
			_ = json.NewEncoder(w).Encode(users)
		})
	})

	r.Post("/admin/users/{id}/role", func(w http.ResponseWriter, r *http.Request) { // flaw: authz-missing
		var body struct {
			Role string `json:"role"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		if err := svc.SetRole(chi.URLParam(r, "id"), body.Role); err != nil {
			http.Error(w, "error", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return r
}

func AdminOnly(auth Auth) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if os.Getenv("AUTH_DISABLED") == "1" {
				next.ServeHTTP(w, r) // flaw: authz-missing
				return
			}
			auth.RequireAdmin(next).ServeHTTP(w, r)
		})
	}
}
