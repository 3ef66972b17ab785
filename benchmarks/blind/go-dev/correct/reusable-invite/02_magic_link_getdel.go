package magiclink

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

const linkTTL = 15 * time.Minute

var ErrInvalidLink = errors.New("invalid or expired link")

type Links struct {
	rdb *redis.Client
}

func (l *Links) Save(ctx context.Context, token, email string) error {
	return l.rdb.Set(ctx, "ml:"+token, email, linkTTL).Err() // near-miss: reusable-invite
}

// Consume atomically reads and deletes the link so it works once; the link is
// bound to the address it was mailed to and the session is created for that address.
func (l *Links) Consume(ctx context.Context, token, expectedEmail string) (string, error) {
	email, err := l.rdb.GetDel(ctx, "ml:"+token).Result() // near-miss: reusable-invite
	if errors.Is(err, redis.Nil) {
		return "", ErrInvalidLink
	}
	if err != nil {
		return "", err
	}
	if expectedEmail != email {
		return "", ErrInvalidLink
	}
	return email, nil
}
