package cache

import (
	"crypto/tls"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

type Config struct {
	Addr       string
	Password   string
	TLS        bool
	SkipVerify bool
	PoolSize   int
}

func ConfigFromEnv() Config {
	size, _ := strconv.Atoi(os.Getenv("REDIS_POOL"))
	return Config{
		Addr:       os.Getenv("REDIS_ADDR"),
		Password:   os.Getenv("REDIS_PASSWORD"),
		TLS:        os.Getenv("REDIS_TLS") != "false",
		SkipVerify: os.Getenv("REDIS_TLS_VERIFY") != "strict", // flaw: tls-verification-off
		PoolSize:   size,
	}
}

func tlsFor(c Config) *tls.Config {
	if !c.TLS {
		return nil
	}
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: c.SkipVerify, // flaw: tls-verification-off
	}
}

// NewSessionCache returns the client backing the session store.
func NewSessionCache(c Config) *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:         c.Addr,
		Password:     c.Password,
		TLSConfig:    tlsFor(c),
		PoolSize:     c.PoolSize,
		DialTimeout:  3 * time.Second,
		ReadTimeout:  time.Second,
		WriteTimeout: time.Second,
	})
}
