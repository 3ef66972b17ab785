package users

import (
	"encoding/json"
	"net/http"
)

type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

type profileUpdate struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
}

type Store interface {
	Get(id string) (*User, error)
	Put(u *User) error
}

func UpdateProfile(st Store, current func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := st.Get(current(r))
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		var in profileUpdate
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil { // near-miss: role-from-input
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		if in.Name != nil {
			u.Name = *in.Name
		}
		if in.Email != nil {
			u.Email = *in.Email
		}
		if err := st.Put(u); err != nil {
			http.Error(w, "save failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func Signup(st Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := &User{Email: r.FormValue("email"), Name: r.FormValue("name"), Role: "viewer"} // near-miss: role-from-input
		if err := st.Put(u); err != nil {
			http.Error(w, "save failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}
