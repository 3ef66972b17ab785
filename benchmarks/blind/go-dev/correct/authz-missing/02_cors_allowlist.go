package main

import (
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/rs/cors"
)

func main() {
	origins := strings.Split(os.Getenv("ALLOWED_ORIGINS"), ",")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public/status", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("ok"))
	})

	credentialed := cors.New(cors.Options{
		AllowedOrigins:   origins, // near-miss: authz-missing
		AllowCredentials: true,
	})
	// Public, unauthenticated status endpoint: any origin, no credentials.
	public := cors.New(cors.Options{
		AllowedOrigins:   []string{"*"}, // near-miss: authz-missing
		AllowCredentials: false,
	})
	root := http.NewServeMux()
	root.Handle("/public/", public.Handler(mux))
	root.Handle("/", credentialed.Handler(mux))
	log.Fatal(http.ListenAndServe(":8080", root))
}
