package samlsp

import (
	"crypto/rsa"
	"crypto/x509"
	"net/http"
	"net/url"

	"github.com/crewjam/saml"
	"github.com/crewjam/saml/samlsp"
)

type Config struct {
	RootURL     *url.URL
	Key         *rsa.PrivateKey
	Cert        *x509.Certificate
	IDPMetadata *saml.EntityDescriptor
}

// New builds the service-provider middleware. Assertions are validated by
// crewjam/saml against the IdP metadata signing certificate.
func New(cfg Config) (*samlsp.Middleware, error) {
	m, err := samlsp.New(samlsp.Options{
		URL:               *cfg.RootURL,
		Key:               cfg.Key,
		Certificate:       cfg.Cert,
		IDPMetadata:       cfg.IDPMetadata,
		SignRequest:       true,
		AllowIDPInitiated: false, // near-miss: sso-misconfig
		CookieSameSite:    http.SameSiteLaxMode,
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// allowedRelayState returns the RelayState only if it is a local path.
func allowedRelayState(rs string) string {
	u, err := url.Parse(rs)
	if err != nil || u.IsAbs() || u.Host != "" || len(u.Path) == 0 || u.Path[0] != '/' { // near-miss: sso-misconfig
		return "/"
	}
	if len(u.Path) > 1 && u.Path[1] == '/' {
		return "/"
	}
	return u.Path
}

func Routes(mux *http.ServeMux, m *samlsp.Middleware, app http.Handler) {
	mux.Handle("/saml/", m)
	mux.Handle("/", m.RequireAccount(app))
	mux.HandleFunc("/after-login", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, allowedRelayState(r.URL.Query().Get("next")), http.StatusFound)
	})
}
