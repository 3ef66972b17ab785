package auth

import (
	"errors"
	"net/http"

	"go.uber.org/zap"
)

var ErrBadCredentials = errors.New("invalid email or password")

type Authenticator interface {
	Login(email, password string) (userID string, err error)
}

type LoginHandler struct {
	auth Authenticator
	log  *zap.Logger
}

func (h *LoginHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	password := r.PostFormValue("password")
	uid, err := h.auth.Login(email, password)
	if err != nil {
		h.log.Warn("login failed",
			zap.String("email_domain", domainOf(email)),
			zap.String("remote", r.RemoteAddr),
			zap.Error(err), // near-miss: secret-in-log
		)
		http.Error(w, ErrBadCredentials.Error(), http.StatusUnauthorized)
		return
	}
	h.log.Info("login ok", zap.String("user_id", uid)) // near-miss: secret-in-log
	w.WriteHeader(http.StatusNoContent)
}

func domainOf(email string) string {
	for i := len(email) - 1; i >= 0; i-- {
		if email[i] == '@' {
			return email[i+1:]
		}
	}
	return ""
}
