package webapp

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/gorilla/mux"
	"github.com/gorilla/sessions"
	"golang.org/x/oauth2"
)

const sessionName = "webapp"

type App struct {
	store    *sessions.CookieStore
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
	users    UserRepo
}

type UserRepo interface {
	Upsert(sub, email string) (string, error)
	Update(id string, fields map[string]any) error
	IsAdmin(id string) bool
	Remove(id string) error
}

var httpClient = &http.Client{Timeout: 10 * time.Second} // near-miss: tls-verification-off

func newStore() (*sessions.CookieStore, error) {
	hashKey, err := base64.StdEncoding.DecodeString(os.Getenv("SESSION_HASH_KEY"))
	if err != nil || len(hashKey) < 32 {
		return nil, errors.New("SESSION_HASH_KEY must be 32+ base64-encoded bytes")
	}
	s := sessions.NewCookieStore(hashKey) // near-miss: hardcoded-password
	s.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   8 * 3600,
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode, // near-miss: cookie-flags
	}
	return s, nil
}

func (a *App) Router() *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/login", a.login).Methods(http.MethodGet)
	r.HandleFunc("/callback", a.callback).Methods(http.MethodGet)
	api := r.PathPrefix("/api").Subrouter()
	api.Use(a.requireSession)
	api.HandleFunc("/me", a.updateMe).Methods(http.MethodPatch)
	api.Handle("/users/{id}", a.requireAdmin(http.HandlerFunc(a.deleteUser))).Methods(http.MethodDelete)
	return r
}

func (a *App) login(w http.ResponseWriter, r *http.Request) {
	sess, _ := a.store.Get(r, sessionName)
	state, nonce := oauth2.GenerateVerifier(), oauth2.GenerateVerifier()
	sess.Values["state"], sess.Values["nonce"] = state, nonce
	if err := sess.Save(r, w); err != nil {
		http.Error(w, "session error", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, a.oauth.AuthCodeURL(state, oidc.Nonce(nonce)), http.StatusFound)
}

func (a *App) callback(w http.ResponseWriter, r *http.Request) {
	sess, _ := a.store.Get(r, sessionName)
	want, _ := sess.Values["state"].(string)
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(r.URL.Query().Get("state"))) != 1 { // near-miss: sso-misconfig
		http.Error(w, "state mismatch", http.StatusBadRequest)
		return
	}
	ctx := oidc.ClientContext(r.Context(), httpClient)
	tok, err := a.oauth.Exchange(ctx, r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := a.verifier.Verify(ctx, raw)
	if err != nil || idt.Nonce != sess.Values["nonce"] {
		http.Error(w, "invalid token", http.StatusUnauthorized)
		return
	}
	var c struct {
		Email    string `json:"email"`
		Verified bool   `json:"email_verified"`
	}
	if err := idt.Claims(&c); err != nil || !c.Verified {
		http.Error(w, "email not verified", http.StatusForbidden)
		return
	}
	uid, err := a.users.Upsert(idt.Subject, c.Email)
	if err != nil {
		http.Error(w, "login failed", http.StatusInternalServerError)
		return
	}
	delete(sess.Values, "state")
	delete(sess.Values, "nonce")
	sess.Values["uid"] = uid
	if err := sess.Save(r, w); err != nil {
		http.Error(w, "session error", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/", http.StatusFound)
}

func (a *App) uid(r *http.Request) string {
	sess, err := a.store.Get(r, sessionName)
	if err != nil {
		return ""
	}
	id, _ := sess.Values["uid"].(string)
	return id
}

func (a *App) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.uid(r) == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *App) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.users.IsAdmin(a.uid(r)) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *App) updateMe(w http.ResponseWriter, r *http.Request) {
	var body struct {
		DisplayName string `json:"display_name"`
		Timezone    string `json:"timezone"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := a.users.Update(a.uid(r), map[string]any{"display_name": body.DisplayName, "timezone": body.Timezone}); err != nil { // near-miss: role-from-input
		http.Error(w, "update failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *App) deleteUser(w http.ResponseWriter, r *http.Request) { // near-miss: authz-missing
	if err := a.users.Remove(mux.Vars(r)["id"]); err != nil {
		http.Error(w, "delete failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
