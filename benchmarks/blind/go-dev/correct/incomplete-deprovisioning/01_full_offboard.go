package offboarding

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

type Revoker interface {
	Name() string
	Revoke(ctx context.Context, userID string) error
}

type Offboarder struct {
	disable  func(ctx context.Context, userID string) error
	revokers []Revoker // sessions, api keys, refresh tokens, oauth grants, ssh keys
	log      *slog.Logger
}

// Offboard disables the user and revokes every credential kind; all errors are returned.
func (o *Offboarder) Offboard(ctx context.Context, userID string) error { // near-miss: incomplete-deprovisioning
	if err := o.disable(ctx, userID); err != nil {
		return fmt.Errorf("disable: %w", err)
	}
	var errs []error
	for _, rv := range o.revokers {
		if err := rv.Revoke(ctx, userID); err != nil {
			o.log.Error("revocation failed", "kind", rv.Name(), "user_id", userID, "err", err)
			errs = append(errs, fmt.Errorf("%s: %w", rv.Name(), err))
		}
	}
	return errors.Join(errs...)
}
