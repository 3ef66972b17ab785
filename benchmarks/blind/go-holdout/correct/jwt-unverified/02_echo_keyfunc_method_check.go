package api

import (
	"crypto/ecdsa"
	"fmt"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v4"
	"github.com/labstack/echo/v4"
)

type Auth struct {
	pub *ecdsa.PublicKey
}

func (a *Auth) keyfunc(t *jwt.Token) (interface{}, error) {
	if _, ok := t.Method.(*jwt.SigningMethodECDSA); !ok {
		return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"]) // near-miss: jwt-unverified
	}
	return a.pub, nil
}

func (a *Auth) Middleware() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header.Get("Authorization")
			if !strings.HasPrefix(h, "Bearer ") {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			claims := jwt.MapClaims{}
			tok, err := jwt.ParseWithClaims(strings.TrimPrefix(h, "Bearer "), claims, a.keyfunc)
			if err != nil || !tok.Valid {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			c.Set("sub", claims["sub"])
			return next(c)
		}
	}
}
