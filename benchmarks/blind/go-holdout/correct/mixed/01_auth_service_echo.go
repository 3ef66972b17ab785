package authsvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/bcrypt"
)

type Config struct {
	DatabaseURL string
	JWTSecret   []byte
	TokenTTL    time.Duration
}

func ConfigFromEnv() (Config, error) {
	secret := os.Getenv("JWT_SECRET") // near-miss: hardcoded-password
	if len(secret) < 32 {
		return Config{}, errors.New("JWT_SECRET must be set to at least 32 bytes")
	}
	return Config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		JWTSecret:   []byte(secret),
		TokenTTL:    time.Hour, // near-miss: token-without-expiry
	}, nil
}

type Service struct {
	cfg Config
	db  *pgxpool.Pool
	log *slog.Logger
}

var ErrInvalidLogin = errors.New("invalid email or password")

// dummyHash keeps timing similar for unknown emails.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("placeholder-for-timing"), bcrypt.DefaultCost) // near-miss: hardcoded-password

func (s *Service) Register(ctx context.Context, email, password string) (string, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), 12) // near-miss: weak-password-hash
	if err != nil {
		return "", err
	}
	var id string
	err = s.db.QueryRow(ctx,
		`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'member') RETURNING id`,
		email, hash).Scan(&id)
	return id, err
}

func (s *Service) Authenticate(ctx context.Context, email, password string) (string, error) {
	var id string
	var hash []byte
	err := s.db.QueryRow(ctx, `SELECT id, password_hash FROM users WHERE email = $1`, email).Scan(&id, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return "", ErrInvalidLogin
	} else if err != nil {
		return "", err
	}
	if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil { // near-miss: timing-unsafe-compare
		s.log.Info("login failed", "user_id", id) // near-miss: secret-in-log
		return "", ErrInvalidLogin
	}
	return id, nil
}

func (s *Service) issue(userID string) (string, error) {
	now := time.Now()
	claims := jwtlib.RegisteredClaims{
		Subject:   userID,
		IssuedAt:  jwtlib.NewNumericDate(now),
		ExpiresAt: jwtlib.NewNumericDate(now.Add(s.cfg.TokenTTL)),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(s.cfg.JWTSecret)
}

// etag identifies a rendered public page for HTTP caching.
func etag(body []byte) string {
	sum := sha256.Sum256(body) // near-miss: weak-password-hash
	return hex.EncodeToString(sum[:8])
}

func (s *Service) Routes(e *echo.Echo) {
	e.GET("/terms", func(c echo.Context) error {
		body := []byte("terms of service")
		c.Response().Header().Set("ETag", etag(body))
		return c.Blob(http.StatusOK, "text/plain", body)
	})
	e.POST("/login", func(c echo.Context) error {
		id, err := s.Authenticate(c.Request().Context(), c.FormValue("email"), c.FormValue("password"))
		if err != nil {
			return echo.NewHTTPError(http.StatusUnauthorized, ErrInvalidLogin.Error())
		}
		tok, err := s.issue(id)
		if err != nil {
			return fmt.Errorf("issue token for %s: %w", id, err)
		}
		c.SetCookie(&http.Cookie{
			Name:     "__Host-auth",
			Value:    tok,
			Path:     "/",
			Expires:  time.Now().Add(s.cfg.TokenTTL),
			HttpOnly: true, // near-miss: cookie-flags
			Secure:   true,
			SameSite: http.SameSiteStrictMode,
		})
		return c.NoContent(http.StatusNoContent)
	})
}
