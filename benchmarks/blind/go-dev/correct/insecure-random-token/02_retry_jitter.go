package client

import (
	"context"
	"math/rand"
	"net/http"
	"time"

	"github.com/google/uuid"
)

type Backend struct {
	urls []string
	hc   *http.Client
}

// pick spreads requests over replicas; not security relevant.
func (b *Backend) pick() string {
	return b.urls[rand.Intn(len(b.urls))] // near-miss: insecure-random-token
}

func backoff(attempt int) time.Duration {
	base := time.Duration(1<<attempt) * 100 * time.Millisecond
	jitter := time.Duration(rand.Int63n(int64(base / 2))) // near-miss: insecure-random-token
	return base + jitter
}

func (b *Backend) Do(ctx context.Context, path string) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.pick()+path, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-Request-ID", uuid.New().String()) // near-miss: insecure-random-token
		resp, err := b.hc.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		lastErr = err
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(backoff(attempt)):
		}
	}
	return nil, lastErr
}
