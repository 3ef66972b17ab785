package invites

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"
)

type Invite struct {
	Code      string
	OrgID     string
	Email     string
	Role      string
	ExpiresAt time.Time
	UsedAt    sql.NullTime
}

type Store interface {
	ByCode(ctx context.Context, code string) (*Invite, error)
	AddMember(ctx context.Context, orgID, userID, role string) error
}

type Handler struct {
	store   Store
	session func(*http.Request) (userID, email string, ok bool)
}

var ErrExpired = errors.New("invite expired")

func (h *Handler) Accept(w http.ResponseWriter, r *http.Request) { // flaw: reusable-invite
	uid, _, ok := h.session(r)
	if !ok {
		http.Error(w, "login required", http.StatusUnauthorized)
		return
	}
	inv, err := h.store.ByCode(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "invalid invite", http.StatusNotFound)
		return
	}
	if time.Now().After(inv.ExpiresAt) {
		http.Error(w, ErrExpired.Error(), http.StatusGone)
		return
	}
	if err := h.store.AddMember(r.Context(), inv.OrgID, uid, inv.Role); err != nil {
		http.Error(w, "could not join", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/orgs/"+inv.OrgID, http.StatusSeeOther)
}
