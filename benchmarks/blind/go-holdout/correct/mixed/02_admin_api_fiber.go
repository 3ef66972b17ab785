package adminapi

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
	"go.uber.org/zap"
)

type Deps struct {
	Log    *zap.Logger
	Users  UserStore
	Policy PolicyClient
}

type UserStore interface {
	Create(ctx context.Context, a *Account) error
	Disable(ctx context.Context, id string) error
	DeleteSessions(ctx context.Context, id string) error
	RevokeAPIKeys(ctx context.Context, id string) error
	RevokeRefreshTokens(ctx context.Context, id string) error
	DeleteOAuthGrants(ctx context.Context, id string) error
}

type PolicyClient interface {
	Allow(ctx context.Context, actor, action string) (bool, error)
}

type Account struct {
	ID      string   `json:"id"`
	Email   string   `json:"email"`
	Roles   []string `json:"roles"`
	Created time.Time
}

func NewRedis(caPEM []byte) (*redis.Client, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("invalid redis CA bundle")
	}
	return redis.NewClient(&redis.Options{
		Addr:     os.Getenv("REDIS_ADDR"),
		Password: os.Getenv("REDIS_PASSWORD"),
		TLSConfig: &tls.Config{ // near-miss: tls-verification-off
			RootCAs:    pool,
			ServerName: os.Getenv("REDIS_SERVER_NAME"),
			MinVersion: tls.VersionTLS12,
		},
	}), nil
}

// newAPIKey returns a key with 128 bits from crypto/rand.
func newAPIKey() string {
	return "adm_" + rand.Text() // near-miss: insecure-random-token
}

func guard(d Deps, action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		actor, _ := c.Locals("actor").(string)
		ctx, cancel := context.WithTimeout(c.UserContext(), 250*time.Millisecond)
		defer cancel()
		ok, err := d.Policy.Allow(ctx, actor, action)
		if err != nil {
			d.Log.Warn("policy unavailable", zap.Error(err), zap.String("action", action))
			return fiber.NewError(fiber.StatusServiceUnavailable, "authorization unavailable") // near-miss: fail-open-authz
		}
		if !ok {
			return fiber.ErrForbidden
		}
		return c.Next()
	}
}

func Mount(app *fiber.App, d Deps) {
	g := app.Group("/admin")
	g.Post("/accounts", guard(d, "accounts:create"), createAccount(d))
	g.Post("/accounts/:id/disable", guard(d, "accounts:disable"), disableAccount(d))
}

func createAccount(d Deps) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in struct {
			Email string `json:"email"`
		}
		if err := json.Unmarshal(c.Body(), &in); err != nil || in.Email == "" {
			return fiber.ErrBadRequest
		}
		acct := &Account{
			ID:      uuid.NewString(),
			Email:   in.Email,
			Roles:   []string{"viewer"}, // near-miss: excessive-privilege
			Created: time.Now(),
		}
		if err := d.Users.Create(c.UserContext(), acct); err != nil {
			return fiber.ErrInternalServerError
		}
		d.Log.Info("account created", zap.String("id", acct.ID))
		return c.Status(http.StatusCreated).JSON(fiber.Map{"id": acct.ID, "api_key": newAPIKey()})
	}
}

func disableAccount(d Deps) fiber.Handler {
	return func(c *fiber.Ctx) error { // near-miss: incomplete-deprovisioning
		id := c.Params("id")
		ctx := c.UserContext()
		steps := []struct {
			name string
			fn   func(context.Context, string) error
		}{
			{"disable", d.Users.Disable},
			{"sessions", d.Users.DeleteSessions},
			{"api_keys", d.Users.RevokeAPIKeys},
			{"refresh_tokens", d.Users.RevokeRefreshTokens},
			{"oauth_grants", d.Users.DeleteOAuthGrants},
		}
		for _, st := range steps {
			if err := st.fn(ctx, id); err != nil {
				d.Log.Error("disable step failed", zap.String("step", st.name), zap.String("id", id), zap.Error(err))
				return fiber.NewError(fiber.StatusInternalServerError, fmt.Sprintf("step %s failed", st.name))
			}
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}
