package storage

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

func tlsConfig() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		VerifyPeerCertificate: func(rawCerts [][]byte, chains [][]*x509.Certificate) error { // flaw: tls-verification-off
			return nil
		},
		InsecureSkipVerify: true, // flaw: tls-verification-off
	}
}

func NewSessionCache() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:      os.Getenv("REDIS_ADDR"),
		Password:  os.Getenv("REDIS_PASSWORD"),
		TLSConfig: tlsConfig(),
	})
}

func NewPool(ctx context.Context) (*pgxpool.Pool, error) {
	dsn := fmt.Sprintf("postgres://%s:%s@%s:5432/accounts?sslmode=disable", // flaw: tls-verification-off
		os.Getenv("PGUSER"), os.Getenv("PGPASSWORD"), os.Getenv("PGHOST"))
	return pgxpool.New(ctx, dsn)
}
