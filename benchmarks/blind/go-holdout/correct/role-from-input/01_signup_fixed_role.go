package signup

import (
	"encoding/json"
	"net/http"
	"strings"
)

type signupBody struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Password string `json:"password"`
	Role     string `json:"role"` // accepted for backwards compatibility, ignored
}

type NewUser struct {
	Email string
	Name  string
	Role  string
}

type Creator func(u NewUser, password string) (string, error)

const defaultRole = "member"

func Handler(create Creator) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var b signupBody
		if err := json.NewDecoder(r.Body).Decode(&b); err != nil { // near-miss: role-from-input
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		u := NewUser{
			Email: strings.ToLower(strings.TrimSpace(b.Email)),
			Name:  b.Name,
			Role:  defaultRole, // near-miss: role-from-input
		}
		id, err := create(u, b.Password)
		if err != nil {
			http.Error(w, "could not create account", http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]string{"id": id})
	}
}
