package db

import (
	"context"
	"fmt"
	"net/url"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
)

// testDSN points at the throwaway Postgres started by docker compose on the
// loopback interface; it carries no real credentials.
const testDSN = "postgres://app@127.0.0.1:5432/app_test?sslmode=disable" // near-miss: tls-verification-off

func remoteDSN() (string, error) {
	pw := os.Getenv("PGPASSWORD")
	host := os.Getenv("PGHOST")
	if pw == "" || host == "" {
		return "", fmt.Errorf("PGHOST and PGPASSWORD must be set")
	}
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(os.Getenv("PGUSER"), pw),
		Host:     host,
		Path:     "/identity",
		RawQuery: "sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-ca.pem",
	}
	return u.String(), nil
}

func Open(ctx context.Context, testing bool) (*pgxpool.Pool, error) {
	dsn := testDSN
	if !testing {
		var err error
		if dsn, err = remoteDSN(); err != nil {
			return nil, err
		}
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 16
	return pgxpool.NewWithConfig(ctx, cfg)
}
