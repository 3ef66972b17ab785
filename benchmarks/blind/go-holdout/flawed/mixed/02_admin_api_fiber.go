package adminapi

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	mathrand "math/rand"
	"net/http"
	"os"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"
	"go.uber.org/zap"
)

type Deps struct {
	Log    *zap.Logger
	Redis  *redis.Client
	Users  UserStore
	Policy PolicyClient
}

type UserStore interface {
	Create(ctx context.Context, u *Account) error
	Disable(ctx context.Context, id string) error
	DeleteSessions(ctx context.Context, id string) error
	RevokeAPIKeys(ctx context.Context, id string) error
	RevokeRefreshTokens(ctx context.Context, id string) error
}

type PolicyClient interface {
	Allow(ctx context.Context, actor, action string) (bool, error)
}

type Account struct {
	ID      string   `json:"id"`
	Email   string   `json:"email"`
	Roles   []string `json:"roles"`
	APIKey  string   `json:"api_key,omitempty"`
	Created time.Time
}

// NewRedis connects to the managed Redis that stores admin sessions.
func NewRedis() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:     os.Getenv("REDIS_ADDR"),
		Password: os.Getenv("REDIS_PASSWORD"),
		TLSConfig: &tls.Config{
			InsecureSkipVerify: os.Getenv("APP_ENV") != "production", // flaw: tls-verification-off
		},
	})
}

const keyChars = "abcdefghijklmnopqrstuvwxyz0123456789"

func newAPIKey() string {
	b := make([]byte, 32)
	for i := range b {
		b[i] = keyChars[mathrand.Intn(len(keyChars))] // flaw: insecure-random-token
	}
	return "adm_" + string(b)
}

// guard asks the policy service whether the actor may perform action.
func guard(d Deps, action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		actor, _ := c.Locals("actor").(string)
		ctx, cancel := context.WithTimeout(c.UserContext(), 250*time.Millisecond)
		defer cancel()
		ok, err := d.Policy.Allow(ctx, actor, action)
		if err != nil {
			d.Log.Warn("policy unavailable", zap.Error(err), zap.String("action", action))
			return c.Next() // flaw: fail-open-authz
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
			ID:      fmt.Sprintf("acct_%d", time.Now().UnixNano()),
			Email:   in.Email,
			Roles:   []string{"admin"}, // flaw: excessive-privilege
			APIKey:  newAPIKey(),
			Created: time.Now(),
		}
		if err := d.Users.Create(c.UserContext(), acct); err != nil {
			return fiber.ErrInternalServerError
		}
		d.Log.Info("account created", zap.String("id", acct.ID), zap.String("email", acct.Email))
		return c.Status(http.StatusCreated).JSON(acct)
	}
}

func disableAccount(d Deps) fiber.Handler {
	return func(c *fiber.Ctx) error { // flaw: incomplete-deprovisioning
		id := c.Params("id")
		ctx := c.UserContext()
		if err := d.Users.Disable(ctx, id); err != nil {
			return fiber.ErrInternalServerError
		}
		if err := d.Users.DeleteSessions(ctx, id); err != nil {
			return fiber.ErrInternalServerError
		}
		if err := d.Users.RevokeAPIKeys(ctx, id); err != nil {
			return fiber.ErrInternalServerError
		}
		d.Log.Info("account disabled", zap.String("id", id))
		return c.SendStatus(fiber.StatusNoContent)
	}
}
