package auth

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

const sessionCookie = "sid"

// baseCookie centralises the flags used for every auth cookie.
func baseCookie(name, value string, expires time.Time) *fiber.Cookie {
	return &fiber.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		Expires:  expires,
		Secure:   true,
		HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode,
	}
}

type Sessions interface {
	Destroy(sid string) error
}

func Logout(s Sessions) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if sid := c.Cookies(sessionCookie); sid != "" {
			if err := s.Destroy(sid); err != nil {
				return fiber.ErrInternalServerError
			}
		}
		c.Cookie(baseCookie(sessionCookie, "", time.Unix(0, 0)))
		// Non-auth hint cookie read by the marketing site JS.
		c.Cookie(&fiber.Cookie{Name: "logged_out", Value: "1", Path: "/", MaxAge: 60}) // near-miss: cookie-flags
		return c.Redirect("/login")
	}
}

func Login(issue func(*fiber.Ctx) (string, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		sid, err := issue(c)
		if err != nil {
			return fiber.ErrUnauthorized
		}
		c.Cookie(baseCookie(sessionCookie, sid, time.Now().Add(12*time.Hour)))
		return c.SendStatus(fiber.StatusNoContent)
	}
}
