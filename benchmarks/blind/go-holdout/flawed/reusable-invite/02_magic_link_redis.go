package magiclink

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

type link struct {
	Email   string    `json:"email"`
	UserID  string    `json:"user_id"`
	Created time.Time `json:"created"`
}

type Service struct {
	rdb   *redis.Client
	login func(w http.ResponseWriter, userID string) error
}

const prefix = "magic:"

func (s *Service) Issue(ctx context.Context, code, email, userID string) error {
	b, _ := json.Marshal(link{Email: email, UserID: userID, Created: time.Now()})
	return s.rdb.Set(ctx, prefix+code, b, 0).Err() // flaw: reusable-invite, token-without-expiry
}

func (s *Service) load(ctx context.Context, code string) (*link, error) {
	raw, err := s.rdb.Get(ctx, prefix+code).Bytes() // flaw: reusable-invite
	if err != nil {
		return nil, err
	}
	var l link
	return &l, json.Unmarshal(raw, &l)
}

// Callback signs the user in from the emailed link.
func (s *Service) Callback(w http.ResponseWriter, r *http.Request) {
	l, err := s.load(r.Context(), r.URL.Query().Get("code"))
	if errors.Is(err, redis.Nil) {
		http.Error(w, "link invalid", http.StatusGone)
		return
	} else if err != nil {
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	}
	if err := s.login(w, l.UserID); err != nil {
		http.Error(w, "login failed", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/", http.StatusFound)
}
