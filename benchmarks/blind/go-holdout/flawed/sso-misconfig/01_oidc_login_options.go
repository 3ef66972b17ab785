package sso

import (
	"context"
	"net/http"
	"os"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

type Provider struct {
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

type ProviderOption func(*oidc.Config)

// WithMultiTenant allows tokens from every tenant of the Entra directory.
func WithMultiTenant() ProviderOption {
	return func(c *oidc.Config) {
		c.SkipIssuerCheck = true // flaw: sso-misconfig
	}
}

func NewProvider(ctx context.Context, issuer string, opts ...ProviderOption) (*Provider, error) {
	p, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	cfg := &oidc.Config{ClientID: os.Getenv("OIDC_CLIENT_ID")}
	for _, o := range opts {
		o(cfg)
	}
	return &Provider{
		oauth: &oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: os.Getenv("OIDC_CLIENT_SECRET"),
			Endpoint:     p.Endpoint(),
			Scopes:       []string{oidc.ScopeOpenID, "email", "profile"},
		},
		verifier: p.Verifier(cfg),
	}, nil
}

var allowedReturn = "https://app.example.com"

func safeReturn(u string) bool {
	return strings.HasPrefix(u, allowedReturn) // flaw: sso-misconfig
}

func (p *Provider) Login(w http.ResponseWriter, r *http.Request) {
	ret := r.URL.Query().Get("return_to")
	if !safeReturn(ret) {
		ret = allowedReturn
	}
	p.oauth.RedirectURL = ret + "/oidc/callback"
	http.Redirect(w, r, p.oauth.AuthCodeURL(randomState(w)), http.StatusFound)
}

func randomState(w http.ResponseWriter) string {
	s := oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{Name: "oidc_state", Value: s, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return s
}
