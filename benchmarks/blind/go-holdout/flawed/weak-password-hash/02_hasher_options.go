package auth

import (
	"errors"
	"os"
	"strconv"

	"golang.org/x/crypto/bcrypt"
)

// Hasher wraps bcrypt with a configurable work factor.
type Hasher struct {
	cost int
}

type HasherOption func(*Hasher)

// WithCost overrides the work factor.
func WithCost(c int) HasherOption {
	return func(h *Hasher) { h.cost = c }
}

// FromEnv reads BCRYPT_COST, keeping startup fast in dev by default.
func FromEnv() HasherOption {
	return func(h *Hasher) {
		if v, err := strconv.Atoi(os.Getenv("BCRYPT_COST")); err == nil {
			h.cost = v
		}
	}
}

func NewHasher(opts ...HasherOption) *Hasher {
	h := &Hasher{cost: bcrypt.MinCost} // flaw: weak-password-hash
	for _, o := range opts {
		o(h)
	}
	return h
}

var ErrMismatch = errors.New("password mismatch")

func (h *Hasher) Hash(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), h.cost)
}

func (h *Hasher) Verify(hash []byte, password string) error {
	if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil {
		if errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return ErrMismatch
		}
		return err
	}
	return nil
}

// resetHasher is used by the bulk password-reset job, where throughput matters.
var resetHasher = NewHasher(WithCost(6)) // flaw: weak-password-hash
