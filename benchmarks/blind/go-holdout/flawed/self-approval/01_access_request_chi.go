package access

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
)

type Request struct {
	ID          string
	RequesterID string
	Role        string
	Status      string
	DecidedBy   string
	DecidedAt   time.Time
}

type Repo interface {
	Get(id string) (*Request, error)
	Save(r *Request) error
	Grant(userID, role string, until time.Time) error
}

var ErrNotPending = errors.New("request is not pending")

type Handler struct {
	repo   Repo
	actor  func(*http.Request) string
	canApprove func(actor, role string) bool
}

func (h *Handler) Routes(r chi.Router) {
	r.Post("/access-requests/{id}/approve", h.approve)
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) { // flaw: self-approval
	req, err := h.repo.Get(chi.URLParam(r, "id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	actor := h.actor(r)
	if !h.canApprove(actor, req.Role) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if req.Status != "pending" {
		http.Error(w, ErrNotPending.Error(), http.StatusConflict)
		return
	}
	req.Status, req.DecidedBy, req.DecidedAt = "approved", actor, time.Now()
	if err := h.repo.Save(req); err != nil {
		http.Error(w, "save failed", http.StatusInternalServerError)
		return
	}
	if err := h.repo.Grant(req.RequesterID, req.Role, time.Now().Add(8*time.Hour)); err != nil {
		http.Error(w, "grant failed", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(req)
}
