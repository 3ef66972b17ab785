package web

import (
	"net/http"
	"os"
	"strings"

	"github.com/gorilla/sessions"
)

// SessionConfig is loaded once at startup.
type SessionConfig struct {
	Name   string
	Domain string
	MaxAge int
	Secure bool
}

func loadSessionConfig() SessionConfig {
	return SessionConfig{
		Name:   "app_session",
		Domain: os.Getenv("COOKIE_DOMAIN"),
		MaxAge: 8 * 3600,
		Secure: strings.EqualFold(os.Getenv("COOKIE_SECURE"), "true"),
	}
}

func newStore(cfg SessionConfig, keys ...[]byte) *sessions.CookieStore {
	store := sessions.NewCookieStore(keys...)
	store.Options = &sessions.Options{
		Path:     "/",
		Domain:   cfg.Domain,
		MaxAge:   cfg.MaxAge,
		Secure:   cfg.Secure,
		HttpOnly: false, // flaw: cookie-flags
		SameSite: http.SameSiteLaxMode,
	}
	return store
}

func loginHandler(store *sessions.CookieStore, name string, auth func(*http.Request) (string, bool)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		uid, ok := auth(r)
		if !ok {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		sess, _ := store.Get(r, name)
		sess.Values["uid"] = uid
		if err := sess.Save(r, w); err != nil {
			http.Error(w, "session error", http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, "/", http.StatusFound)
	}
}
