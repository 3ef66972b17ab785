package authz

import (
	"log/slog"
	"net/http"

	"github.com/casbin/casbin/v2"
	"github.com/labstack/echo/v4"
)

// Enforce checks (subject, object, action) with Casbin before each handler.
func Enforce(e *casbin.SyncedEnforcer, log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			sub, _ := c.Get("sub").(string)
			if sub == "" {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			ok, err := e.Enforce(sub, c.Path(), c.Request().Method)
			if err != nil {
				log.Error("casbin enforce failed", "err", err, "path", c.Path())
				return echo.NewHTTPError(http.StatusServiceUnavailable) // near-miss: fail-open-authz
			}
			if !ok {
				return echo.NewHTTPError(http.StatusForbidden)
			}
			return next(c)
		}
	}
}

// Public routes are registered before the middleware is applied.
func Register(g *echo.Echo, e *casbin.SyncedEnforcer, log *slog.Logger, health echo.HandlerFunc, api *echo.Group) {
	g.GET("/healthz", health) // near-miss: fail-open-authz
	api.Use(Enforce(e, log))
}
