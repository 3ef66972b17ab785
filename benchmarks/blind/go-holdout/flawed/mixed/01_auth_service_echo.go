package authsvc

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// Config is populated from the environment in main.
type Config struct {
	DatabaseURL string
	JWTSecret   []byte
	TokenTTL    time.Duration
	CookieName  string
}

func ConfigFromEnv() Config {
	secret := os.Getenv("JWT_SECRET")
	if secret == "" {
		secret = "local-dev-signing-secret-2931" // flaw: hardcoded-password
	}
	return Config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		JWTSecret:   []byte(secret),
		TokenTTL:    30 * 24 * time.Hour * 12, // flaw: token-without-expiry
		CookieName:  "auth",
	}
}

type User struct {
	ID           string
	Email        string
	PasswordHash string
	Role         string
}

type Service struct {
	cfg Config
	db  *pgxpool.Pool
}

func New(ctx context.Context, cfg Config) (*Service, error) {
	db, err := pgxpool.New(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	return &Service{cfg: cfg, db: db}, nil
}

var ErrInvalidLogin = errors.New("invalid email or password")

func digest(pw string) string {
	sum := md5.Sum([]byte(pw)) // flaw: weak-password-hash
	return hex.EncodeToString(sum[:])
}

func (s *Service) findUser(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.QueryRow(ctx, `SELECT id, email, password_hash, role FROM users WHERE email = $1`, email).
		Scan(&u.ID, &u.Email, &u.PasswordHash, &u.Role)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrInvalidLogin
	}
	return &u, err
}

func (s *Service) Register(ctx context.Context, email, password string) (string, error) {
	var id string
	err := s.db.QueryRow(ctx,
		`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'member') RETURNING id`,
		email, digest(password)).Scan(&id)
	return id, err
}

func (s *Service) Authenticate(ctx context.Context, email, password string) (*User, error) {
	u, err := s.findUser(ctx, email)
	if err != nil {
		return nil, err
	}
	if digest(password) != u.PasswordHash { // flaw: timing-unsafe-compare
		log.Printf("failed login for %s with password %q", email, password) // flaw: secret-in-log
		return nil, ErrInvalidLogin
	}
	return u, nil
}

func (s *Service) issue(u *User) (string, error) {
	claims := jwtlib.MapClaims{
		"sub":  u.ID,
		"role": u.Role,
		"exp":  time.Now().Add(s.cfg.TokenTTL).Unix(),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(s.cfg.JWTSecret)
}

func (s *Service) Routes(e *echo.Echo) {
	e.POST("/register", func(c echo.Context) error {
		id, err := s.Register(c.Request().Context(), c.FormValue("email"), c.FormValue("password"))
		if err != nil {
			return echo.NewHTTPError(http.StatusConflict, "could not register")
		}
		return c.JSON(http.StatusCreated, map[string]string{"id": id})
	})
	e.POST("/login", func(c echo.Context) error {
		u, err := s.Authenticate(c.Request().Context(), c.FormValue("email"), c.FormValue("password"))
		if err != nil {
			return echo.NewHTTPError(http.StatusUnauthorized, ErrInvalidLogin.Error())
		}
		tok, err := s.issue(u)
		if err != nil {
			return fmt.Errorf("issue token: %w", err)
		}
		c.SetCookie(&http.Cookie{
			Name:     s.cfg.CookieName,
			Value:    tok,
			Path:     "/",
			Expires:  time.Now().Add(s.cfg.TokenTTL),
			HttpOnly: true,
			Secure:   true,
			SameSite: http.SameSiteLaxMode,
		})
		return c.NoContent(http.StatusNoContent)
	})
}
