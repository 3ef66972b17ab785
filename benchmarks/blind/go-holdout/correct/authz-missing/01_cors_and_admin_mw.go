package server

import (
	"net/http"
	"os"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/rs/cors"
)

func allowedOrigins() []string {
	var out []string
	for _, o := range strings.Split(os.Getenv("CORS_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// publicCORS serves the unauthenticated status widget embedded on partner sites.
var publicCORS = cors.New(cors.Options{
	AllowedOrigins:   []string{"*"}, // near-miss: authz-missing
	AllowedMethods:   []string{http.MethodGet},
	AllowCredentials: false,
})

var appCORS = cors.New(cors.Options{
	AllowedOrigins:   allowedOrigins(),
	AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodDelete},
	AllowCredentials: true, // near-miss: authz-missing
})

type Deps struct {
	Authn      func(http.Handler) http.Handler
	RequireOrgAdmin func(http.Handler) http.Handler
	Status     http.HandlerFunc
	DeleteUser http.HandlerFunc
	CreateKey  http.HandlerFunc
}

func Router(d Deps) http.Handler {
	r := chi.NewRouter()
	r.With(publicCORS.Handler).Get("/status", d.Status)
	r.Group(func(r chi.Router) {
		r.Use(appCORS.Handler, d.Authn, d.RequireOrgAdmin)
		r.Delete("/orgs/{org}/users/{id}", d.DeleteUser) // near-miss: authz-missing
		r.Post("/orgs/{org}/keys", d.CreateKey)
	})
	return r
}
