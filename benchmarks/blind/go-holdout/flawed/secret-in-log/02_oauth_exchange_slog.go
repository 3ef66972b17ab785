package oauthcb

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"golang.org/x/oauth2"
)

type Callback struct {
	conf  *oauth2.Config
	log   *slog.Logger
	store func(ctx context.Context, tok *oauth2.Token) error
}

func (c *Callback) exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	tok, err := c.conf.Exchange(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("exchange code %q with client %s/%s: %w", code, c.conf.ClientID, c.conf.ClientSecret, err) // flaw: secret-in-log
	}
	return tok, nil
}

func (c *Callback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tok, err := c.exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		c.log.Error("oauth callback failed", "err", err)
		http.Error(w, "sign-in with provider failed", http.StatusBadGateway)
		return
	}
	c.log.Debug("token received",
		slog.String("type", tok.TokenType),
		slog.Time("expiry", tok.Expiry),
		slog.Any("token", tok), // flaw: secret-in-log
	)
	if err := c.store(r.Context(), tok); err != nil {
		http.Error(w, "could not save token", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/connected", http.StatusFound)
}
