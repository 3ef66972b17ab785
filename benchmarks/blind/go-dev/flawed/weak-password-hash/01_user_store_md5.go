package users

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"errors"
)

var ErrInvalidCredentials = errors.New("invalid credentials")

type Store struct {
	db *sql.DB
}

func NewStore(db *sql.DB) *Store {
	return &Store{db: db}
}

// hashPassword returns the stored representation of a password.
func hashPassword(password string) string {
	sum := md5.Sum([]byte(password)) // flaw: weak-password-hash
	return hex.EncodeToString(sum[:])
}

func (s *Store) Create(ctx context.Context, email, password string) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO users (email, password_hash) VALUES ($1, $2)`,
		email, hashPassword(password))
	return err
}

func (s *Store) Authenticate(ctx context.Context, email, password string) (int64, error) {
	var id int64
	var stored string
	err := s.db.QueryRowContext(ctx,
		`SELECT id, password_hash FROM users WHERE email = $1`, email).Scan(&id, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrInvalidCredentials
	}
	if err != nil {
		return 0, err
	}
	if hashPassword(password) != stored { // flaw: timing-unsafe-compare
		return 0, ErrInvalidCredentials
	}
	return id, nil
}
