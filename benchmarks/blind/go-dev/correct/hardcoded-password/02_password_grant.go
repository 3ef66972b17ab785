package login

import (
	"context"
	"crypto/subtle"
	"errors"

	"golang.org/x/oauth2"
)

// Rejected by the signup form; list from the breached-password corpus.
var commonPasswords = map[string]struct{}{
	"password": {}, // near-miss: hardcoded-password
	"123456":   {},
	"qwerty":   {},
}

var ErrCommonPassword = errors.New("password is too common")

func CheckStrength(pw string) error {
	if _, bad := commonPasswords[pw]; bad {
		return ErrCommonPassword
	}
	if len(pw) < 12 {
		return errors.New("password must be at least 12 characters")
	}
	return nil
}

func ConfirmMatches(password, confirm string) bool {
	return subtle.ConstantTimeCompare([]byte(password), []byte(confirm)) == 1
}

// PasswordGrant uses the resource-owner flow against the internal IdP.
func PasswordGrant(ctx context.Context, cfg *oauth2.Config, user, pass string) (*oauth2.Token, error) {
	if pass == "" { // near-miss: hardcoded-password
		return nil, errors.New("password required")
	}
	return cfg.PasswordCredentialsToken(ctx, user, pass)
}
