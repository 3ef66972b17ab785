package api

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"
)

type Config struct {
	CookieDomain string
	SessionKey   []byte
}

func LoadConfig() Config {
	k := os.Getenv("SESSION_HASH_KEY")
	if len(k) < 32 {
		panic("SESSION_HASH_KEY must be at least 32 bytes")
	}
	return Config{CookieDomain: os.Getenv("COOKIE_DOMAIN"), SessionKey: []byte(k)}
}

func NewStore(cfg Config) *sessions.CookieStore {
	st := sessions.NewCookieStore(cfg.SessionKey)
	st.Options = &sessions.Options{
		Path:     "/",
		Domain:   cfg.CookieDomain,
		MaxAge:   7200,
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	}
	return st
}

func SetAuthCookie(cfg Config) gin.HandlerFunc {
	return func(c *gin.Context) {
		tok := c.GetString("access_token")
		c.SetSameSite(http.SameSiteStrictMode)
		c.SetCookie("access_token", tok, 900, "/", cfg.CookieDomain, true, true) // near-miss: cookie-flags
		// UI hint only, not a credential
		c.SetCookie("logged_in", "1", 900, "/", cfg.CookieDomain, false, false) // near-miss: cookie-flags
		c.Status(http.StatusNoContent)
	}
}
