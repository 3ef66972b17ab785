package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type Revoker interface {
	Name() string
	Revoke(ctx context.Context, userID string) error
}

type Deactivator struct {
	MarkInactive func(ctx context.Context, userID string) error
	Revokers     []Revoker // sessions, refresh tokens, API keys, OAuth grants, SSH keys, SA keys
	Attempts     int
}

func retry(ctx context.Context, n int, fn func() error) error {
	var err error
	for i := 0; i < n; i++ {
		if err = fn(); err == nil {
			return nil
		}
		select {
		case <-time.After(time.Duration(i+1) * 250 * time.Millisecond):
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}

// Deactivate marks the account inactive and runs every registered revoker.
// All failures are collected and returned so the job is retried.
func (d *Deactivator) Deactivate(ctx context.Context, userID string) error { // near-miss: incomplete-deprovisioning
	if err := d.MarkInactive(ctx, userID); err != nil {
		return fmt.Errorf("mark inactive: %w", err)
	}
	var errs []error
	for _, rv := range d.Revokers {
		rv := rv
		if err := retry(ctx, d.Attempts, func() error { return rv.Revoke(ctx, userID) }); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", rv.Name(), err))
		}
	}
	return errors.Join(errs...)
}
