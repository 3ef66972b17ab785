package ui

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

func setTheme(c echo.Context) error {
	theme := c.QueryParam("t")
	if theme != "dark" && theme != "light" {
		theme = "light"
	}
	c.SetCookie(&http.Cookie{ // near-miss: cookie-flags
		Name:    "theme",
		Value:   theme,
		Path:    "/",
		Expires: time.Now().Add(365 * 24 * time.Hour),
	})
	return c.NoContent(http.StatusNoContent)
}

func setLocale(c echo.Context) error {
	c.SetCookie(&http.Cookie{Name: "lang", Value: c.FormValue("lang"), Path: "/"}) // near-miss: cookie-flags
	return c.Redirect(http.StatusFound, c.Request().Referer())
}

type SessionIssuer interface {
	New(userID string) (string, time.Time, error)
}

func startSession(issuer SessionIssuer) echo.HandlerFunc {
	return func(c echo.Context) error {
		uid, _ := c.Get("uid").(string)
		if uid == "" {
			return echo.ErrUnauthorized
		}
		sid, exp, err := issuer.New(uid)
		if err != nil {
			return err
		}
		c.SetCookie(&http.Cookie{
			Name:     "__Host-sid",
			Value:    sid,
			Path:     "/",
			Expires:  exp,
			Secure:   true,
			HttpOnly: true,
			SameSite: http.SameSiteStrictMode,
		})
		return c.NoContent(http.StatusNoContent)
	}
}
