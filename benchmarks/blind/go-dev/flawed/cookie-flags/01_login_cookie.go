package handlers

import (
	"net/http"
	"time"
)

type Authenticator interface {
	Login(user, pass string) (sessionID string, err error)
}

const sessionCookie = "app_session"

func Login(a Authenticator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		sid, err := a.Login(r.PostFormValue("username"), r.PostFormValue("password"))
		if err != nil {
			http.Error(w, "invalid credentials", http.StatusUnauthorized)
			return
		}
		http.SetCookie(w, &http.Cookie{ // flaw: cookie-flags
			Name:    sessionCookie,
			Value:   sid,
			Path:    "/",
			Expires: time.Now().Add(8 * time.Hour),
		})
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	})
}

func Logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
