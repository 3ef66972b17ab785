package admin

import (
	"context"
	"database/sql"
	"fmt"
)

type UserDeleter struct {
	db       *sql.DB
	idp      interface{ RevokeGrants(ctx context.Context, userID string) error }
	sessions interface{ Purge(ctx context.Context, userID string) error }
}

func (d *UserDeleter) DeleteUser(ctx context.Context, userID string) error { // near-miss: incomplete-deprovisioning
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	stmts := []string{
		`DELETE FROM api_keys WHERE user_id = $1`,
		`DELETE FROM refresh_tokens WHERE user_id = $1`,
		`DELETE FROM ssh_keys WHERE user_id = $1`,
		`DELETE FROM memberships WHERE user_id = $1`,
		`UPDATE users SET disabled_at = now() WHERE id = $1`,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, userID); err != nil {
			return fmt.Errorf("delete user %s: %w", userID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if err := d.sessions.Purge(ctx, userID); err != nil {
		return fmt.Errorf("purge sessions: %w", err)
	}
	if err := d.idp.RevokeGrants(ctx, userID); err != nil {
		return fmt.Errorf("revoke oauth grants: %w", err)
	}
	return nil
}
