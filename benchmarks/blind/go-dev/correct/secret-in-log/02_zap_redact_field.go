package logging

import (
	"fmt"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Secret wraps a credential so it is never printed.
type Secret string

func (Secret) String() string { return "[REDACTED]" }

func (s Secret) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddInt("len", len(s))
	return nil
}

type Client struct {
	log   *zap.Logger
	token Secret
}

func (c *Client) Connected(endpoint string) {
	c.log.Info("connected", zap.String("endpoint", endpoint), zap.Object("token", c.token)) // near-miss: secret-in-log
}

func (c *Client) AuthError(status int) error {
	c.log.Warn("auth rejected", zap.Int("status", status), zap.Stringer("token", c.token)) // near-miss: secret-in-log
	return fmt.Errorf("upstream rejected credentials (status %d)", status)
}
