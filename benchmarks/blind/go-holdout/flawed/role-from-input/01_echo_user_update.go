package admin

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

type User struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	OrgID     string    `json:"org_id"`
	UpdatedAt time.Time `json:"updated_at"`
}

type Users interface {
	Get(id string) (*User, error)
	Put(u *User) error
}

type ProfileAPI struct {
	users Users
}

// bindInto decodes the request over an existing record so absent fields keep
// their stored values.
func bindInto(c echo.Context, dst any) error {
	return (&echo.DefaultBinder{}).BindBody(c, dst)
}

func (a *ProfileAPI) UpdateMe(c echo.Context) error {
	uid, _ := c.Get("uid").(string)
	u, err := a.users.Get(uid)
	if err != nil {
		return echo.ErrNotFound
	}
	if err := bindInto(c, u); err != nil { // flaw: role-from-input
		return echo.ErrBadRequest
	}
	u.ID = uid
	u.UpdatedAt = time.Now()
	if err := a.users.Put(u); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, u)
}
