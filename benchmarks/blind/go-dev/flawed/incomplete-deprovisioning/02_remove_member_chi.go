package orgs

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"
)

type Store interface {
	RemoveMembership(ctx context.Context, orgID, userID string) error
	RevokeOrgTokens(ctx context.Context, orgID, userID string) error
	RemoveSSHKeys(ctx context.Context, orgID, userID string) error
	DeleteOrgSessions(ctx context.Context, orgID, userID string) error
}

type API struct {
	store Store
}

func (a *API) Mount(r chi.Router) {
	r.Delete("/orgs/{org}/members/{user}", a.removeMember)
}

func (a *API) removeMember(w http.ResponseWriter, r *http.Request) {
	org, user := chi.URLParam(r, "org"), chi.URLParam(r, "user")
	if err := a.store.RemoveMembership(r.Context(), org, user); err != nil {
		http.Error(w, "could not remove member", http.StatusInternalServerError)
		return
	}
	_ = a.store.RevokeOrgTokens(r.Context(), org, user) // flaw: incomplete-deprovisioning
	go a.store.RemoveSSHKeys(context.Background(), org, user) // flaw: incomplete-deprovisioning
	if err := a.store.DeleteOrgSessions(r.Context(), org, user); err != nil {
		http.Error(w, "could not end sessions", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
