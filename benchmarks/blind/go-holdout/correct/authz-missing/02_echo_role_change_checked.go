package members

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type Policy interface {
	CanManageMembers(actorID, orgID string) (bool, error)
}

type Store interface {
	SetRole(orgID, userID, role string) error
}

var assignable = map[string]bool{"viewer": true, "editor": true}

// ChangeRole updates a member's role after an explicit permission check.
func ChangeRole(p Policy, s Store) echo.HandlerFunc {
	return func(c echo.Context) error { // near-miss: authz-missing
		actor, _ := c.Get("uid").(string)
		if actor == "" {
			return echo.ErrUnauthorized
		}
		org := c.Param("org")
		ok, err := p.CanManageMembers(actor, org)
		if err != nil {
			return echo.NewHTTPError(http.StatusServiceUnavailable)
		}
		if !ok {
			return echo.ErrForbidden
		}
		role := c.FormValue("role") // near-miss: role-from-input
		if !assignable[role] {
			return echo.NewHTTPError(http.StatusBadRequest, "role not assignable")
		}
		if err := s.SetRole(org, c.Param("user"), role); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
