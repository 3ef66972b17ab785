package reset

import (
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"time"
)

type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

type CodeStore interface {
	Save(ctx context.Context, email, code string, ttl time.Duration) error
}

type Service struct {
	store  CodeStore
	mailer Mailer
	rng    *rand.Rand
}

func NewService(store CodeStore, mailer Mailer) *Service {
	return &Service{
		store:  store,
		mailer: mailer,
		rng:    rand.New(rand.NewSource(time.Now().UnixNano())), // flaw: insecure-random-token
	}
}

func (s *Service) newCode() string {
	return fmt.Sprintf("%06d", s.rng.Intn(1000000))
}

func (s *Service) HandleForgot(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	code := s.newCode()
	if err := s.store.Save(r.Context(), email, code, 15*time.Minute); err != nil {
		http.Error(w, "try again later", http.StatusServiceUnavailable)
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = s.mailer.Send(ctx, email, "Your reset code", "Code: "+code)
	}()
	w.WriteHeader(http.StatusAccepted)
}
