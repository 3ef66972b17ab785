package oidclogin

import (
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

type Flow struct {
	OAuth    *oauth2.Config // RedirectURL fixed at startup
	Verifier *oidc.IDTokenVerifier
	SignIn   func(w http.ResponseWriter, r *http.Request, sub, email string) error
}

func setTemp(w http.ResponseWriter, name, val string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: val, Path: "/oidc", MaxAge: int((10 * time.Minute).Seconds()),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (f *Flow) Start(w http.ResponseWriter, r *http.Request) {
	state, nonce, verifier := oauth2.GenerateVerifier(), oauth2.GenerateVerifier(), oauth2.GenerateVerifier()
	setTemp(w, "st", state)
	setTemp(w, "nc", nonce)
	setTemp(w, "pk", verifier)
	url := f.OAuth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	http.Redirect(w, r, url, http.StatusFound)
}

func cookie(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

func (f *Flow) Callback(w http.ResponseWriter, r *http.Request) {
	state := cookie(r, "st")
	if state == "" || subtle.ConstantTimeCompare([]byte(state), []byte(r.URL.Query().Get("state"))) != 1 { // near-miss: sso-misconfig
		http.Error(w, "state mismatch", http.StatusBadRequest)
		return
	}
	tok, err := f.OAuth.Exchange(r.Context(), r.URL.Query().Get("code"), oauth2.VerifierOption(cookie(r, "pk")))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := f.Verifier.Verify(r.Context(), raw)
	if err != nil {
		http.Error(w, "invalid id_token", http.StatusUnauthorized)
		return
	}
	if n := cookie(r, "nc"); n == "" || idt.Nonce != n {
		http.Error(w, "nonce mismatch", http.StatusBadRequest)
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
	if err := f.SignIn(w, r, idt.Subject, c.Email); err != nil {
		http.Error(w, "sign-in failed", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/", http.StatusFound)
}
