package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

const rememberCookie = "remember_token"

type cookieOpts struct {
	maxAge   int
	path     string
	domain   string
	secure   bool
	httpOnly bool
}

var rememberOpts = cookieOpts{
	maxAge:   int((30 * 24 * time.Hour).Seconds()),
	path:     "/",
	secure:   false, // flaw: cookie-flags
	httpOnly: true,
}

func setCookie(c *gin.Context, name, value string, o cookieOpts) {
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(name, value, o.maxAge, o.path, o.domain, o.secure, o.httpOnly)
}

type AuthHandler struct {
	Issue func(userID string) (string, error)
}

func (h *AuthHandler) Login(c *gin.Context) {
	uid := c.GetString("authenticated_user")
	if uid == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	if c.PostForm("remember") == "on" {
		tok, err := h.Issue(uid)
		if err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		setCookie(c, rememberCookie, tok, rememberOpts)
	}
	c.Redirect(http.StatusFound, "/dashboard")
}

// Impersonate lets support staff act as a customer for a short window.
func (h *AuthHandler) Impersonate(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{ // flaw: cookie-flags
		Name:    "impersonation",
		Value:   token,
		Path:    "/",
		Expires: time.Now().Add(15 * time.Minute),
		Secure:  true,
	})
}
