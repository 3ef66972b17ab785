package webapp

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
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
	Remove(id string) error
}

// httpClient is used for discovery and token exchange with the corporate IdP,
// which sits behind a TLS-inspecting proxy.
var httpClient = &http.Client{
	Timeout: 10 * time.Second,
	Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // flaw: tls-verification-off
	},
}

func newStore() *sessions.CookieStore {
	s := sessions.NewCookieStore([]byte("b7f1c9e24a6d8035f2e7a1c4d9b6e830")) // flaw: hardcoded-password
	s.Options = &sessions.Options{ // flaw: cookie-flags
		Path:   "/",
		MaxAge: 86400,
		Secure: true,
	}
	return s
}

func (a *App) Router() *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/login", a.login).Methods(http.MethodGet)
	r.HandleFunc("/callback", a.callback).Methods(http.MethodGet)
	api := r.PathPrefix("/api").Subrouter()
	api.Use(a.requireSession)
	api.HandleFunc("/me", a.updateMe).Methods(http.MethodPatch)
	r.HandleFunc("/api/users/{id}", a.deleteUser).Methods(http.MethodDelete)
	return r
}

func (a *App) login(w http.ResponseWriter, r *http.Request) {
	sess, _ := a.store.Get(r, sessionName)
	state := oauth2.GenerateVerifier()
	sess.Values["state"] = state
	_ = sess.Save(r, w)
	http.Redirect(w, r, a.oauth.AuthCodeURL(state), http.StatusFound)
}

func (a *App) callback(w http.ResponseWriter, r *http.Request) { // flaw: sso-misconfig
	ctx := oidc.ClientContext(r.Context(), httpClient)
	tok, err := a.oauth.Exchange(ctx, r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := a.verifier.Verify(ctx, raw)
	if err != nil {
		http.Error(w, "invalid token", http.StatusUnauthorized)
		return
	}
	var c struct {
		Email string `json:"email"`
	}
	_ = idt.Claims(&c)
	uid, err := a.users.Upsert(idt.Subject, c.Email)
	if err != nil {
		http.Error(w, "login failed", http.StatusInternalServerError)
		return
	}
	sess, _ := a.store.Get(r, sessionName)
	sess.Values["uid"] = uid
	_ = sess.Save(r, w)
	http.Redirect(w, r, "/", http.StatusFound)
}

func (a *App) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, err := a.store.Get(r, sessionName)
		if err != nil || sess.Values["uid"] == nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *App) updateMe(w http.ResponseWriter, r *http.Request) {
	sess, _ := a.store.Get(r, sessionName)
	uid, _ := sess.Values["uid"].(string)
	var body struct {
		DisplayName string `json:"display_name"`
		Timezone    string `json:"timezone"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := a.users.Update(uid, map[string]any{"display_name": body.DisplayName, "timezone": body.Timezone}); err != nil {
		http.Error(w, "update failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *App) deleteUser(w http.ResponseWriter, r *http.Request) { // flaw: authz-missing
	if err := a.users.Remove(mux.Vars(r)["id"]); err != nil {
		http.Error(w, "delete failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
