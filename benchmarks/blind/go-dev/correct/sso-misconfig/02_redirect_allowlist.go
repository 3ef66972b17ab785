package sso

import (
	"context"
	"net/http"
	"net/url"

	"github.com/coreos/go-oidc/v3/oidc"
)

var allowedRedirects = map[string]bool{
	"https://app.example.com/callback":     true,
	"https://staging.example.com/callback": true,
}

func SafeRedirect(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("redirect_uri") // near-miss: sso-misconfig
	u, err := url.Parse(next)
	if err != nil || !allowedRedirects[u.Scheme+"://"+u.Host+u.Path] {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusFound)
}

func Verifier(ctx context.Context, issuer, clientID string) (*oidc.IDTokenVerifier, error) {
	p, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	return p.Verifier(&oidc.Config{
		ClientID:          clientID,
		SkipClientIDCheck: false, // near-miss: sso-misconfig
	}), nil
}
