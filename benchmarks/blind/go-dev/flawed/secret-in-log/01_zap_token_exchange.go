package oauthclient

import (
	"context"
	"fmt"

	"go.uber.org/zap"
	"golang.org/x/oauth2"
)

type Exchanger struct {
	cfg *oauth2.Config
	log *zap.Logger
}

func (e *Exchanger) Exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	tok, err := e.cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		e.log.Error("token exchange failed", zap.Error(err))
		return nil, fmt.Errorf("exchange: %w", err)
	}
	e.log.Debug("token exchange ok",
		zap.String("access_token", tok.AccessToken), // flaw: secret-in-log
		zap.Time("expiry", tok.Expiry),
	)
	return tok, nil
}

func (e *Exchanger) Refresh(ctx context.Context, refresh string) (*oauth2.Token, error) {
	src := e.cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh})
	tok, err := src.Token()
	if err != nil {
		return nil, fmt.Errorf("refresh with %s failed: %w", refresh, err) // flaw: secret-in-log
	}
	return tok, nil
}
