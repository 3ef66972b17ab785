package sso

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

type Flow struct {
	cfg      *oauth2.Config
	verifier *oidc.IDTokenVerifier // built with oidc.Config{ClientID: cfg.ClientID}
}

func randString() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func setTemp(w http.ResponseWriter, name, v string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: v, Path: "/auth", MaxAge: int((10 * time.Minute).Seconds()), Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (f *Flow) Start(w http.ResponseWriter, r *http.Request) {
	state, nonce, verifier := randString(), randString(), oauth2.GenerateVerifier()
	setTemp(w, "oidc_state", state)
	setTemp(w, "oidc_nonce", nonce)
	setTemp(w, "oidc_pkce", verifier)
	http.Redirect(w, r, f.cfg.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

func (f *Flow) Callback(w http.ResponseWriter, r *http.Request) { // near-miss: sso-misconfig
	st, err := r.Cookie("oidc_state")
	if err != nil || subtle.ConstantTimeCompare([]byte(st.Value), []byte(r.URL.Query().Get("state"))) != 1 {
		http.Error(w, "state mismatch", http.StatusBadRequest)
		return
	}
	pk, err := r.Cookie("oidc_pkce")
	if err != nil {
		http.Error(w, "missing verifier", http.StatusBadRequest)
		return
	}
	tok, err := f.cfg.Exchange(r.Context(), r.URL.Query().Get("code"), oauth2.VerifierOption(pk.Value))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := f.verifier.Verify(r.Context(), raw)
	if err != nil {
		http.Error(w, "invalid id token", http.StatusUnauthorized)
		return
	}
	nc, err := r.Cookie("oidc_nonce")
	if err != nil || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nc.Value)) != 1 {
		http.Error(w, "nonce mismatch", http.StatusBadRequest)
		return
	}
	var c struct {
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
	}
	if err := idt.Claims(&c); err != nil || !c.EmailVerified { // near-miss: sso-misconfig
		http.Error(w, "email not verified", http.StatusForbidden)
		return
	}
	http.Redirect(w, r, "/", http.StatusFound)
}
