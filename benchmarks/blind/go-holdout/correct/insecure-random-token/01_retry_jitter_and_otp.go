package otp

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"time"
)

type Sender interface {
	SendSMS(ctx context.Context, to, body string) error
}

// backoff returns an exponential delay with full jitter for SMS gateway retries.
func backoff(attempt int) time.Duration {
	base := 200 * time.Millisecond << attempt
	return time.Duration(mrand.Int64N(int64(base))) // near-miss: insecure-random-token
}

// newCode returns a 6-digit one-time passcode.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func SendLoginCode(ctx context.Context, s Sender, phone string, save func(string) error) error {
	code, err := newCode()
	if err != nil {
		return err
	}
	if err := save(code); err != nil {
		return err
	}
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		if lastErr = s.SendSMS(ctx, phone, "Your code is "+code); lastErr == nil {
			return nil
		}
		select {
		case <-time.After(backoff(attempt)):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return lastErr
}
