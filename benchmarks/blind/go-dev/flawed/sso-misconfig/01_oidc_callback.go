package sso

import (
	"context"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

type Provider struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	link     func(ctx context.Context, email, subject string) (string, error)
	login    func(w http.ResponseWriter, userID string)
}

func NewProvider(ctx context.Context, issuer string, cfg oauth2.Config) (*Provider, error) {
	p, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	cfg.Endpoint = p.Endpoint()
	return &Provider{
		oauth: cfg,
		verifier: p.Verifier(&oidc.Config{
			ClientID:          cfg.ClientID,
			SkipClientIDCheck: true, // flaw: sso-misconfig
		}),
	}, nil
}

func (p *Provider) Callback(w http.ResponseWriter, r *http.Request) { // flaw: sso-misconfig
	tok, err := p.oauth.Exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	rawID, ok := tok.Extra("id_token").(string)
	if !ok {
		http.Error(w, "no id_token", http.StatusBadGateway)
		return
	}
	idt, err := p.verifier.Verify(r.Context(), rawID)
	if err != nil {
		http.Error(w, "invalid id_token", http.StatusUnauthorized)
		return
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
	}
	if err := idt.Claims(&claims); err != nil {
		http.Error(w, "bad claims", http.StatusUnauthorized)
		return
	}
	uid, err := p.link(r.Context(), claims.Email, idt.Subject) // flaw: sso-misconfig
	if err != nil {
		http.Error(w, "link failed", http.StatusInternalServerError)
		return
	}
	p.login(w, uid)
	http.Redirect(w, r, "/", http.StatusFound)
}
