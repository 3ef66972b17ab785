package db

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// OpenTestDB is used by the integration suite against a throwaway
// container on the loopback interface with no password.
func OpenTestDB() (*sql.DB, error) {
	return sql.Open("pgx", "postgres://postgres@127.0.0.1:55432/test?sslmode=disable") // near-miss: tls-verification-off
}

func OpenProdDB() (*sql.DB, error) {
	dsn := fmt.Sprintf("postgres://%s@%s:5432/app?sslmode=verify-full&sslrootcert=%s",
		os.Getenv("PGUSER"), os.Getenv("PGHOST"), os.Getenv("PG_CA_FILE"))
	return sql.Open("pgx", dsn)
}

func NewCache(ctx context.Context) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{
		Addr:     os.Getenv("REDIS_ADDR"),
		Password: os.Getenv("REDIS_PASSWORD"),
		TLSConfig: &tls.Config{ // near-miss: tls-verification-off
			ServerName: os.Getenv("REDIS_HOST"),
			MinVersion: tls.VersionTLS12,
		},
	})
	return rdb, rdb.Ping(ctx).Err()
}
