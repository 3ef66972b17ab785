package access

import (
	"context"
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
	ApprovedBy  string
	ApprovedAt  time.Time
}

type Repo interface {
	Get(ctx context.Context, id string) (*Request, error)
	Save(ctx context.Context, r *Request) error
	GrantRole(ctx context.Context, userID, role string) error
}

type Handler struct {
	repo      Repo
	currentID func(*http.Request) string
	isManager func(ctx context.Context, userID string) bool
}

var ErrNotPending = errors.New("request is not pending")

func (h *Handler) Routes(r chi.Router) {
	r.Post("/access-requests/{id}/approve", h.handleApprove)
}

func (h *Handler) handleApprove(w http.ResponseWriter, r *http.Request) { // flaw: self-approval
	approver := h.currentID(r)
	if !h.isManager(r.Context(), approver) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	req, err := h.repo.Get(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if req.Status != "pending" {
		http.Error(w, ErrNotPending.Error(), http.StatusConflict)
		return
	}
	req.Status = "approved"
	req.ApprovedBy = approver
	req.ApprovedAt = time.Now()
	if err := h.repo.Save(r.Context(), req); err != nil {
		http.Error(w, "save failed", http.StatusInternalServerError)
		return
	}
	if err := h.repo.GrantRole(r.Context(), req.RequesterID, req.Role); err != nil {
		http.Error(w, "grant failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
