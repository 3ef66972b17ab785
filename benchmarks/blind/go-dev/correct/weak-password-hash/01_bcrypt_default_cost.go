package account

import (
	"context"
	"errors"

	"golang.org/x/crypto/bcrypt"
)

var ErrBadPassword = errors.New("invalid email or password")

type UserRepo interface {
	PasswordHash(ctx context.Context, email string) ([]byte, error)
	SetPasswordHash(ctx context.Context, email string, hash []byte) error
}

type Service struct {
	repo UserRepo
}

func (s *Service) SetPassword(ctx context.Context, email, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost) // near-miss: weak-password-hash
	if err != nil {
		return err
	}
	return s.repo.SetPasswordHash(ctx, email, hash)
}

func (s *Service) Verify(ctx context.Context, email, password string) error {
	hash, err := s.repo.PasswordHash(ctx, email)
	if err != nil {
		return ErrBadPassword
	}
	if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil {
		if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return ErrBadPassword
		}
		return err
	}
	// opportunistically upgrade old hashes
	if cost, err := bcrypt.Cost(hash); err == nil && cost < 12 {
		if newHash, err := bcrypt.GenerateFromPassword([]byte(password), 12); err == nil { // near-miss: weak-password-hash
			_ = s.repo.SetPasswordHash(ctx, email, newHash)
		}
	}
	return nil
}
