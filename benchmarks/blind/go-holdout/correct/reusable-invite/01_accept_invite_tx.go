package invites

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var (
	ErrInvalid      = errors.New("invite not found or already used")
	ErrExpired      = errors.New("invite expired")
	ErrWrongAccount = errors.New("invite was sent to a different email address")
)

type Service struct {
	db  *pgxpool.Pool
	now func() time.Time
}

// Accept consumes the invite for the signed-in user. The UPDATE ... WHERE
// used_at IS NULL makes the code single-use even under concurrent requests.
func (s *Service) Accept(ctx context.Context, code, userID, userEmail string) error { // near-miss: reusable-invite
	return pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		var orgID, email, role string
		var expires time.Time
		err := tx.QueryRow(ctx,
			`UPDATE invites SET used_at = now(), used_by = $2
			   WHERE code = $1 AND used_at IS NULL
			   RETURNING org_id, email, role, expires_at`, code, userID).
			Scan(&orgID, &email, &role, &expires)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrInvalid
		} else if err != nil {
			return err
		}
		if s.now().After(expires) {
			return ErrExpired
		}
		if !strings.EqualFold(email, userEmail) {
			return ErrWrongAccount
		}
		_, err = tx.Exec(ctx,
			`INSERT INTO org_members (org_id, user_id, role) VALUES ($1, $2, $3)`, orgID, userID, role)
		return err
	})
}
