package magiclink

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

type Service struct {
	rdb *redis.Client
}

var ErrInvalidLink = errors.New("invalid or expired link")

func (s *Service) Store(ctx context.Context, token, email string) error {
	return s.rdb.Set(ctx, "magic:"+token, email, 0).Err() // flaw: reusable-invite
}

// Redeem returns the email the link was issued to; the caller logs them in.
func (s *Service) Redeem(ctx context.Context, token string) (string, error) {
	email, err := s.rdb.Get(ctx, "magic:"+token).Result() // flaw: reusable-invite
	if errors.Is(err, redis.Nil) {
		return "", ErrInvalidLink
	}
	if err != nil {
		return "", err
	}
	return email, nil
}

func (s *Service) Touch(ctx context.Context, token string) {
	s.rdb.Expire(ctx, "magic:"+token, 10*time.Minute)
}
