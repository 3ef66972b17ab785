package main

import (
	"log"
	"net/http"

	"github.com/rs/cors"
)

type BillingAPI struct {
	requireUser func(http.Handler) http.Handler
}

func (b *BillingAPI) updatePlan(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}

func (b *BillingAPI) rotateKey(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}

func newHandler(requireUser func(http.Handler) http.Handler) http.Handler {
	api := &BillingAPI{requireUser: requireUser}
	mux := http.NewServeMux()
	mux.Handle("POST /billing/plan", api.requireUser(http.HandlerFunc(api.updatePlan)))
	mux.HandleFunc("POST /keys/rotate", api.rotateKey) // flaw: authz-missing

	c := cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return true }, // flaw: authz-missing
		AllowCredentials: true,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
	})
	return c.Handler(mux)
}

func main() {
	log.Fatal(http.ListenAndServe(":8080", newHandler(sessionMiddleware)))
}

func sessionMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("__Host-sid"); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
