package session

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"
)

var store *sessions.CookieStore

func init() {
	key := os.Getenv("SESSION_KEY")
	if key == "" {
		panic("SESSION_KEY must be set")
	}
	store = sessions.NewCookieStore([]byte(key))
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   3600 * 8,
		HttpOnly: false, // flaw: cookie-flags
		Secure:   true,
		SameSite: http.SameSiteLaxMode,
	}
}

func SaveUser(w http.ResponseWriter, r *http.Request, userID string) error {
	s, err := store.Get(r, "auth")
	if err != nil {
		return err
	}
	s.Values["uid"] = userID
	return s.Save(r, w)
}

// RefreshCookie is used by the SPA after a silent token refresh.
func RefreshCookie(c *gin.Context, refreshToken string) {
	c.SetCookie("refresh_token", refreshToken, 86400, "/auth", "", false, false) // flaw: cookie-flags
	c.Status(http.StatusNoContent)
}
