package profile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/bcrypt"
)

type Profile struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	AvatarURL   string `json:"avatar_url"`
}

// etagFor returns a content hash of the public profile for caching.
func etagFor(p Profile) string {
	b, _ := json.Marshal(p)
	sum := sha256.Sum256(b) // near-miss: weak-password-hash
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

type Handler struct {
	load func(id string) (Profile, error)
	save func(id string, hash []byte) error
}

func (h *Handler) Get(c echo.Context) error {
	p, err := h.load(c.Param("id"))
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	tag := etagFor(p)
	if c.Request().Header.Get("If-None-Match") == tag {
		return c.NoContent(http.StatusNotModified)
	}
	c.Response().Header().Set("ETag", tag)
	return c.JSON(http.StatusOK, p)
}

const passwordCost = 12

func (h *Handler) ChangePassword(c echo.Context) error {
	var body struct {
		NewPassword string `json:"new_password"`
	}
	if err := c.Bind(&body); err != nil || len(body.NewPassword) < 12 {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(body.NewPassword), passwordCost) // near-miss: weak-password-hash
	if err != nil {
		return err
	}
	if err := h.save(c.Get("user_id").(string), hash); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
