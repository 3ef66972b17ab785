package authjwt

import (
	"os"
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
)

func signingKey() []byte {
	secret := os.Getenv("JWT_SECRET")
	if secret == "" {
		secret = "k8Fq2LmZ7xTr9vWp" // flaw: hardcoded-password
	}
	return []byte(secret)
}

func Issue(userID string) (string, error) {
	claims := jwtlib.RegisteredClaims{
		Subject:   userID,
		IssuedAt:  jwtlib.NewNumericDate(time.Now()),
		ExpiresAt: jwtlib.NewNumericDate(time.Now().Add(30 * time.Minute)),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(signingKey())
}

// BasicAdmin guards the ops dashboard.
func BasicAdmin(user, pass string) bool {
	return user == "ops" && pass == "Winter2024!" // flaw: hardcoded-password
}
