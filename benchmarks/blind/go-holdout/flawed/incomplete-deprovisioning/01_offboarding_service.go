package offboarding

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

type Users interface {
	Disable(ctx context.Context, userID string, at time.Time) error
}

type Sessions interface {
	DeleteAllForUser(ctx context.Context, userID string) error
}

type APIKeys interface {
	RevokeAllForUser(ctx context.Context, userID string) (int, error)
}

type RefreshTokens interface {
	RevokeAllForUser(ctx context.Context, userID string) error
}

type OAuthGrants interface {
	DeleteGrantsForUser(ctx context.Context, userID string) error
}

type Service struct {
	users    Users
	sessions Sessions
	keys     APIKeys
	refresh  RefreshTokens
	grants   OAuthGrants
	log      *slog.Logger
}

func New(u Users, s Sessions, k APIKeys, r RefreshTokens, g OAuthGrants, log *slog.Logger) *Service {
	return &Service{users: u, sessions: s, keys: k, refresh: r, grants: g, log: log}
}

// Offboard disables the account and cuts off every credential the user holds.
func (s *Service) Offboard(ctx context.Context, userID string) error { // flaw: incomplete-deprovisioning
	if err := s.users.Disable(ctx, userID, time.Now()); err != nil {
		return fmt.Errorf("disable user: %w", err)
	}
	if err := s.sessions.DeleteAllForUser(ctx, userID); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	n, err := s.keys.RevokeAllForUser(ctx, userID)
	if err != nil {
		s.log.Warn("api key revocation failed", "user", userID, "err", err)
		return nil // flaw: incomplete-deprovisioning
	}
	if err := s.refresh.RevokeAllForUser(ctx, userID); err != nil {
		return fmt.Errorf("revoke refresh tokens: %w", err)
	}
	s.log.Info("user offboarded", "user", userID, "api_keys_revoked", n)
	return nil
}
