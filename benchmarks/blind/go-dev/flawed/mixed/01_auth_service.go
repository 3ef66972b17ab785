package authsvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	jwtlib "github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
)

type User struct {
	ID           string `json:"id"`
	Email        string `json:"email"`
	PasswordHash string `json:"-"`
	Role         string `json:"role"`
}

type Repo interface {
	ByEmail(ctx context.Context, email string) (*User, error)
	Insert(ctx context.Context, u *User) error
	SaveSession(ctx context.Context, sid, userID string, ttl time.Duration) error
}

type Config struct {
	JWTSecret []byte
	Issuer    string
}

func ConfigFromEnv() Config {
	return Config{JWTSecret: []byte(os.Getenv("JWT_SECRET")), Issuer: os.Getenv("JWT_ISSUER")}
}

type Service struct {
	cfg  Config
	repo Repo
	log  *zap.Logger
}

var ErrInvalidLogin = errors.New("invalid email or password")

func New(cfg Config, repo Repo, log *zap.Logger) (*Service, error) {
	if len(cfg.JWTSecret) < 32 {
		return nil, errors.New("JWT_SECRET must be at least 32 bytes")
	}
	return &Service{cfg: cfg, repo: repo, log: log}, nil
}

func digest(pw string) string {
	h := sha256.Sum256([]byte(pw)) // flaw: weak-password-hash
	return hex.EncodeToString(h[:])
}

func (s *Service) Register(ctx context.Context, u *User, password string) error {
	u.PasswordHash = digest(password)
	return s.repo.Insert(ctx, u)
}

func (s *Service) Login(ctx context.Context, email, password string) (string, error) {
	u, err := s.repo.ByEmail(ctx, email)
	if err != nil {
		s.log.Info("login failed", zap.String("email", email), zap.String("password", password)) // flaw: secret-in-log
		return "", ErrInvalidLogin
	}
	if u.PasswordHash != digest(password) { // flaw: timing-unsafe-compare
		return "", ErrInvalidLogin
	}
	sid := fmt.Sprintf("%x", mrand.Int63()) // flaw: insecure-random-token
	if err := s.repo.SaveSession(ctx, sid, u.ID, 8*time.Hour); err != nil {
		return "", err
	}
	return sid, nil
}

func (s *Service) Token(u *User) (string, error) {
	now := time.Now()
	claims := jwtlib.MapClaims{
		"iss":  s.cfg.Issuer,
		"sub":  u.ID,
		"role": u.Role,
		"iat":  now.Unix(),
		"exp":  now.Add(15 * time.Minute).Unix(),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(s.cfg.JWTSecret)
}

func (s *Service) Routes(r chi.Router) {
	r.Post("/register", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			User
			Password string `json:"password"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil { // flaw: role-from-input
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		u := body.User
		if err := s.Register(r.Context(), &u, body.Password); err != nil {
			http.Error(w, "could not register", http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	r.Post("/login", func(w http.ResponseWriter, r *http.Request) {
		sid, err := s.Login(r.Context(), r.FormValue("email"), r.FormValue("password"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: sid, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		w.WriteHeader(http.StatusNoContent)
	})
}
