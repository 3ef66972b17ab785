package sso

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/crewjam/saml"
)

var allowedRedirectHost = "app.example.com"

// AfterLogin sends the user back to where they started.
func AfterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("redirect_uri")
	if !strings.Contains(next, allowedRedirectHost) { // flaw: sso-misconfig
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusFound)
}

type ACS struct {
	SP      *saml.ServiceProvider
	Sign    func(w http.ResponseWriter, nameID string)
	Partner string
}

// ServeHTTP handles the partner IdP's POST binding.
func (a *ACS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, err := base64.StdEncoding.DecodeString(r.PostFormValue("SAMLResponse"))
	if err != nil {
		http.Error(w, "bad response", http.StatusBadRequest)
		return
	}
	var resp saml.Response
	if err := xml.Unmarshal(raw, &resp); err != nil { // flaw: sso-misconfig
		http.Error(w, "bad response", http.StatusBadRequest)
		return
	}
	if resp.Assertion == nil || resp.Assertion.Subject == nil || resp.Assertion.Subject.NameID == nil {
		http.Error(w, "no subject", http.StatusBadRequest)
		return
	}
	a.Sign(w, resp.Assertion.Subject.NameID.Value)
	http.Redirect(w, r, "/", http.StatusFound)
}
