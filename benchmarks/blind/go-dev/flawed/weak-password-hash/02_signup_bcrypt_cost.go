package auth

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"
	"golang.org/x/crypto/bcrypt"
)

// keep signup snappy in load tests
const passwordCost = 6

type signupRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type Handler struct {
	repo        Repository
	requireUser func(http.Handler) http.Handler
	userEmail   func(*http.Request) string
}

type Repository interface {
	InsertUser(email string, hash []byte) error
	InsertAPIKey(userEmail, keyHash string) error
}

func (h *Handler) Routes(r chi.Router) {
	r.Post("/signup", h.signup)
	r.With(h.requireUser).Post("/api-keys", h.createKey)
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) {
	var req signupRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(req.Password), passwordCost) // flaw: weak-password-hash
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := h.repo.InsertUser(req.Email, hash); err != nil {
		http.Error(w, "could not create user", http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (h *Handler) createKey(w http.ResponseWriter, r *http.Request) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	key := base64.RawURLEncoding.EncodeToString(raw)
	h1 := sha1.New()
	h1.Write([]byte(key))
	stored := hex.EncodeToString(h1.Sum(nil)) // flaw: weak-password-hash
	if err := h.repo.InsertAPIKey(h.userEmail(r), stored); err != nil {
		http.Error(w, "could not store key", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"key": key})
}
