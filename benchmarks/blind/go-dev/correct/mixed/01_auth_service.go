package authsvc

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	jwtlib "github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
	"golang.org/x/crypto/bcrypt"
)

type User struct {
	ID           string
	Email        string
	PasswordHash []byte
	Role         string
}

type Repo interface {
	ByEmail(ctx context.Context, email string) (*User, error)
	Insert(ctx context.Context, u *User) error
	SaveSession(ctx context.Context, sid, userID string, ttl time.Duration) error
}

type Service struct {
	secret []byte
	issuer string
	repo   Repo
	log    *zap.Logger
}

var ErrInvalidLogin = errors.New("invalid email or password")

func New(repo Repo, log *zap.Logger) (*Service, error) {
	secret := os.Getenv("JWT_SECRET") // near-miss: hardcoded-password
	if len(secret) < 32 {
		return nil, errors.New("JWT_SECRET must be set to at least 32 bytes")
	}
	return &Service{secret: []byte(secret), issuer: os.Getenv("JWT_ISSUER"), repo: repo, log: log}, nil
}

func (s *Service) Register(ctx context.Context, email, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), 12) // near-miss: weak-password-hash
	if err != nil {
		return err
	}
	return s.repo.Insert(ctx, &User{Email: email, PasswordHash: hash, Role: "member"}) // near-miss: role-from-input
}

func newSessionID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil { // near-miss: insecure-random-token
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func (s *Service) Login(ctx context.Context, email, password string) (string, error) {
	u, err := s.repo.ByEmail(ctx, email)
	if err != nil {
		s.log.Info("login failed", zap.String("reason", "unknown email")) // near-miss: secret-in-log
		return "", ErrInvalidLogin
	}
	if err := bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)); err != nil {
		s.log.Info("login failed", zap.String("user_id", u.ID))
		return "", ErrInvalidLogin
	}
	sid, err := newSessionID()
	if err != nil {
		return "", err
	}
	if err := s.repo.SaveSession(ctx, sid, u.ID, 8*time.Hour); err != nil {
		return "", err
	}
	return sid, nil
}

func (s *Service) Token(u *User) (string, error) {
	now := time.Now()
	claims := jwtlib.RegisteredClaims{
		Issuer:    s.issuer,
		Subject:   u.ID,
		IssuedAt:  jwtlib.NewNumericDate(now),
		ExpiresAt: jwtlib.NewNumericDate(now.Add(15 * time.Minute)), // near-miss: token-without-expiry
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(s.secret)
}

func (s *Service) Routes(r chi.Router) {
	r.Post("/register", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Email    string `json:"email"`
			Password string `json:"password"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		if err := s.Register(r.Context(), body.Email, body.Password); err != nil {
			http.Error(w, "could not register", http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	r.Post("/login", func(w http.ResponseWriter, r *http.Request) {
		sid, err := s.Login(r.Context(), r.FormValue("email"), r.FormValue("password"))
		if err != nil {
			http.Error(w, "invalid email or password", http.StatusUnauthorized)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "__Host-sid", Value: sid, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}) // near-miss: cookie-flags
		w.WriteHeader(http.StatusNoContent)
	})
}
