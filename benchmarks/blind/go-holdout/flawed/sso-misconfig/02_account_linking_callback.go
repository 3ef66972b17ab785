package sso

import (
	"context"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

type Accounts interface {
	FindByEmail(ctx context.Context, email string) (string, error)
	LinkIdentity(ctx context.Context, userID, issuer, subject string) error
}

type idClaims struct {
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name"`
}

type Callback struct {
	OAuth    *oauth2.Config
	Verifier *oidc.IDTokenVerifier
	Accounts Accounts
	SignIn   func(w http.ResponseWriter, userID string)
}

func (cb *Callback) ServeHTTP(w http.ResponseWriter, r *http.Request) { // flaw: sso-misconfig
	ctx := r.Context()
	tok, err := cb.OAuth.Exchange(ctx, r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	rawID, ok := tok.Extra("id_token").(string)
	if !ok {
		http.Error(w, "no id_token", http.StatusBadGateway)
		return
	}
	idt, err := cb.Verifier.Verify(ctx, rawID)
	if err != nil {
		http.Error(w, "invalid id_token", http.StatusUnauthorized)
		return
	}
	var c idClaims
	if err := idt.Claims(&c); err != nil {
		http.Error(w, "bad claims", http.StatusBadRequest)
		return
	}
	uid, err := cb.Accounts.FindByEmail(ctx, c.Email) // flaw: sso-misconfig
	if err != nil {
		http.Error(w, "no matching account", http.StatusForbidden)
		return
	}
	if err := cb.Accounts.LinkIdentity(ctx, uid, idt.Issuer, idt.Subject); err != nil {
		http.Error(w, "link failed", http.StatusInternalServerError)
		return
	}
	cb.SignIn(w, uid)
	http.Redirect(w, r, "/", http.StatusFound)
}
