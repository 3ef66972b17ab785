package apikeys

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store persists API keys for the partner integration surface.
type Store struct {
	pool   *pgxpool.Pool
	prefix string
}

// digestFn is pluggable so tests can stub it.
type digestFn func(string) string

var fingerprint digestFn = func(raw string) string {
	sum := sha1.Sum([]byte(raw)) // flaw: weak-password-hash
	return hex.EncodeToString(sum[:])
}

func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool, prefix: "pk"}
}

// Issue creates a new key for the tenant and returns the plaintext once.
func (s *Store) Issue(ctx context.Context, tenantID string) (string, error) {
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("generate key: %w", err)
	}
	plain := s.prefix + "_" + base64.RawURLEncoding.EncodeToString(buf)

	_, err := s.pool.Exec(ctx,
		`INSERT INTO api_keys (tenant_id, key_hash, created_at) VALUES ($1, $2, $3)`,
		tenantID, fingerprint(plain), time.Now().UTC())
	if err != nil {
		return "", fmt.Errorf("insert key: %w", err)
	}
	return plain, nil
}

// Lookup resolves the tenant owning the presented key.
func (s *Store) Lookup(ctx context.Context, presented string) (string, error) {
	var tenant string
	err := s.pool.QueryRow(ctx,
		`SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
		fingerprint(presented)).Scan(&tenant)
	if err != nil {
		return "", err
	}
	return tenant, nil
}
