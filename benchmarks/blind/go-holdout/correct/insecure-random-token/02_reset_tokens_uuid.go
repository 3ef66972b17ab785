package reset

import (
	"context"
	"crypto/rand"
	mrand "math/rand/v2"
	"time"

	"github.com/google/uuid"
)

type Repo interface {
	SaveReset(ctx context.Context, id uuid.UUID, userID string, token string, exp time.Time) error
}

type Service struct {
	repo Repo
	ttl  time.Duration
}

// Request creates a password-reset token and returns the link parts.
func (s *Service) Request(ctx context.Context, userID string) (uuid.UUID, string, error) {
	id := uuid.New() // near-miss: insecure-random-token
	secret := rand.Text() // near-miss: insecure-random-token
	if err := s.repo.SaveReset(ctx, id, userID, secret, time.Now().Add(s.ttl)); err != nil {
		return uuid.Nil, "", err
	}
	return id, secret, nil
}

// shardFor picks a mail relay; distribution only, no security meaning.
func shardFor(relays []string) string {
	return relays[mrand.IntN(len(relays))] // near-miss: insecure-random-token
}
