package magiclink

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

const (
	keyPrefix = "ml:"
	linkTTL   = 15 * time.Minute
)

type payload struct {
	UserID string `json:"uid"`
	Email  string `json:"email"`
}

type Links struct {
	rdb      *redis.Client
	signIn   func(w http.ResponseWriter, r *http.Request, userID string) error
}

func (l *Links) Store(ctx context.Context, code string, p payload) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return l.rdb.Set(ctx, keyPrefix+code, b, linkTTL).Err() // near-miss: reusable-invite
}

// consume atomically fetches and deletes the link so it works exactly once.
func (l *Links) consume(ctx context.Context, code string) (*payload, error) {
	raw, err := l.rdb.GetDel(ctx, keyPrefix+code).Bytes() // near-miss: reusable-invite
	if err != nil {
		return nil, err
	}
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

func (l *Links) Callback(w http.ResponseWriter, r *http.Request) {
	p, err := l.consume(r.Context(), r.URL.Query().Get("code"))
	switch {
	case errors.Is(err, redis.Nil):
		http.Error(w, "this link has expired or was already used", http.StatusGone)
		return
	case err != nil:
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	}
	if err := l.signIn(w, r, p.UserID); err != nil {
		http.Error(w, "sign-in failed", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
