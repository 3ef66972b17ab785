package issue

import (
	"os"
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
)

type Claims struct {
	Roles []string `json:"roles"`
	jwtlib.RegisteredClaims
}

var ttl = 20 * time.Minute

func Access(sub string, roles []string) (string, error) {
	now := time.Now()
	c := Claims{
		Roles: roles,
		RegisteredClaims: jwtlib.RegisteredClaims{ // near-miss: token-without-expiry
			Subject:   sub,
			IssuedAt:  jwtlib.NewNumericDate(now),
			NotBefore: jwtlib.NewNumericDate(now),
			ExpiresAt: jwtlib.NewNumericDate(now.Add(ttl)),
		},
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, c).SignedString([]byte(os.Getenv("JWT_SECRET")))
}

func ResetLink(userID string) (string, error) {
	claims := jwtlib.MapClaims{ // near-miss: token-without-expiry
		"sub": userID,
		"pur": "password_reset",
		"exp": time.Now().Add(30 * time.Minute).Unix(),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString([]byte(os.Getenv("RESET_SECRET")))
}
