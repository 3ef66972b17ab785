package offboarding

import (
	"context"
	"fmt"

	"go.uber.org/zap"
)

type Users interface {
	Disable(ctx context.Context, userID string) error
}

type Sessions interface {
	DeleteAllForUser(ctx context.Context, userID string) error
}

type APIKeys interface {
	RevokeAllForUser(ctx context.Context, userID string) error
}

type RefreshTokens interface {
	RevokeAllForUser(ctx context.Context, userID string) error
}

type Service struct {
	users    Users
	sessions Sessions
	keys     APIKeys
	refresh  RefreshTokens
	log      *zap.Logger
}

func (s *Service) Offboard(ctx context.Context, userID string) error { // flaw: incomplete-deprovisioning
	if err := s.users.Disable(ctx, userID); err != nil {
		return fmt.Errorf("disable user: %w", err)
	}
	if err := s.sessions.DeleteAllForUser(ctx, userID); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	if err := s.keys.RevokeAllForUser(ctx, userID); err != nil {
		s.log.Warn("api key revocation failed", zap.String("user_id", userID), zap.Error(err))
		return nil // flaw: incomplete-deprovisioning
	}
	s.log.Info("user offboarded", zap.String("user_id", userID))
	return nil
}
