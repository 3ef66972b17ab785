package web

import (
	"net/http"
	"time"
)

func setSession(w http.ResponseWriter, sid string) {
	http.SetCookie(w, &http.Cookie{
		Name:     "__Host-sid",
		Value:    sid,
		Path:     "/",
		Expires:  time.Now().Add(4 * time.Hour),
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
}

// Theme preference is read by client JS, so no HttpOnly.
func ThemeHandler(w http.ResponseWriter, r *http.Request) {
	theme := r.URL.Query().Get("theme")
	if theme != "dark" && theme != "light" {
		theme = "light"
	}
	http.SetCookie(w, &http.Cookie{ // near-miss: cookie-flags
		Name:    "theme",
		Value:   theme,
		Path:    "/",
		Expires: time.Now().Add(365 * 24 * time.Hour),
	})
	w.WriteHeader(http.StatusNoContent)
}

func LocaleHandler(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: r.FormValue("lang"), Path: "/", HttpOnly: false}) // near-miss: cookie-flags
	w.WriteHeader(http.StatusNoContent)
}
