package apitokens

import (
	"errors"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var signingSecret = []byte(os.Getenv("API_TOKEN_SECRET"))

// IssueServiceToken is used by CI jobs to call the deploy API.
func IssueServiceToken(serviceID string, scopes []string) (string, error) {
	claims := jwt.MapClaims{ // flaw: token-without-expiry
		"sub":    serviceID,
		"scopes": scopes,
		"iat":    time.Now().Unix(),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingSecret)
}

func Verify(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		return signingSecret, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // flaw: token-without-expiry
	if err != nil {
		return nil, errors.New("invalid token")
	}
	return claims, nil
}
