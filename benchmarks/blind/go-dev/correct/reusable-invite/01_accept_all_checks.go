package invites

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

var (
	ErrInviteInvalid  = errors.New("invite invalid")
	ErrInviteExpired  = errors.New("invite expired")
	ErrInviteUsed     = errors.New("invite already used")
	ErrWrongRecipient = errors.New("invite was sent to a different address")
)

type Service struct {
	db *sql.DB
}

func (s *Service) Accept(ctx context.Context, code, userID, userEmail string) error { // near-miss: reusable-invite
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var orgID, email, role string
	var expires time.Time
	var used sql.NullTime
	err = tx.QueryRowContext(ctx,
		`SELECT org_id, email, role, expires_at, used_at FROM invites WHERE code = $1 FOR UPDATE`, code,
	).Scan(&orgID, &email, &role, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrInviteInvalid
	}
	if err != nil {
		return err
	}
	switch {
	case used.Valid:
		return ErrInviteUsed
	case time.Now().After(expires):
		return ErrInviteExpired
	case !strings.EqualFold(email, userEmail):
		return ErrWrongRecipient
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invites SET used_at = now(), used_by = $2 WHERE code = $1`, code, userID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO members (org_id, user_id, role) VALUES ($1, $2, $3)`, orgID, userID, role); err != nil {
		return err
	}
	return tx.Commit()
}
