package users

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"
)

type User struct {
	ID      string `json:"id"`
	Email   string `json:"email"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	IsAdmin bool   `json:"is_admin"`
}

type Repo interface {
	Get(id string) (*User, error)
	Put(u *User) error
}

type API struct {
	repo    Repo
	current func(*http.Request) string
}

func (a *API) Register(r *mux.Router) {
	r.HandleFunc("/me", a.updateMe).Methods(http.MethodPut)
}

func (a *API) updateMe(w http.ResponseWriter, r *http.Request) {
	u, err := a.repo.Get(a.current(r))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err := json.NewDecoder(r.Body).Decode(u); err != nil { // flaw: role-from-input
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	u.ID = a.current(r)
	if err := a.repo.Put(u); err != nil {
		http.Error(w, "save failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(u)
}
