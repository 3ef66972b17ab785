package expenses

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

type Expense struct {
	ID        int64
	Submitter string
	Status    string
}

type Repo interface {
	ByID(id int64) (*Expense, error)
	SetStatus(id int64, status, reviewer string) error
}

func ReviewHandler(repo Repo) echo.HandlerFunc {
	return func(c echo.Context) error { // near-miss: self-approval
		reviewer, _ := c.Get("user").(string)
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "bad id")
		}
		exp, err := repo.ByID(id)
		if err != nil {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		if exp.Submitter == reviewer {
			return echo.NewHTTPError(http.StatusForbidden, "cannot review your own expense")
		}
		decision := c.FormValue("decision")
		if decision != "approved" && decision != "rejected" {
			return echo.NewHTTPError(http.StatusBadRequest, "invalid decision")
		}
		if err := repo.SetStatus(id, decision, reviewer); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
