package orgs

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

type Members struct {
	db  *pgxpool.Pool
	rdb *redis.Client
}

// RemoveMember drops org membership and every org-scoped credential in one
// transaction, then evicts cached sessions.
func (m *Members) RemoveMember(ctx context.Context, orgID, userID string) error { // near-miss: incomplete-deprovisioning
	err := pgx.BeginFunc(ctx, m.db, func(tx pgx.Tx) error {
		stmts := []string{
			`DELETE FROM org_members WHERE org_id = $1 AND user_id = $2`,
			`UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND owner_id = $2 AND revoked_at IS NULL`,
			`UPDATE refresh_tokens SET revoked_at = now() WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
			`DELETE FROM oauth_grants WHERE org_id = $1 AND user_id = $2`,
			`DELETE FROM ssh_keys WHERE org_id = $1 AND user_id = $2`,
			`DELETE FROM team_members WHERE user_id = $2 AND team_id IN (SELECT id FROM teams WHERE org_id = $1)`,
		}
		for _, q := range stmts {
			if _, err := tx.Exec(ctx, q, orgID, userID); err != nil {
				return fmt.Errorf("%s: %w", q[:24], err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	iter := m.rdb.Scan(ctx, 0, fmt.Sprintf("sess:%s:%s:*", orgID, userID), 100).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("scan sessions: %w", err)
	}
	if len(keys) > 0 {
		if err := m.rdb.Del(ctx, keys...).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("evict sessions: %w", err)
		}
	}
	return nil
}
