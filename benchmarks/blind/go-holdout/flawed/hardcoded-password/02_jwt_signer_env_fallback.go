package tokens

import (
	"os"
	"sync"
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/github"
)

var (
	keyOnce sync.Once
	hmacKey []byte
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func signingKey() []byte {
	keyOnce.Do(func() {
		hmacKey = []byte(envOr("JWT_SIGNING_KEY", "q9Vt2LmZx7RkP4sWcN8bHy3Fj6Ud")) // flaw: hardcoded-password
	})
	return hmacKey
}

func Mint(sub string) (string, error) {
	claims := jwtlib.RegisteredClaims{
		Subject:   sub,
		IssuedAt:  jwtlib.NewNumericDate(time.Now()),
		ExpiresAt: jwtlib.NewNumericDate(time.Now().Add(30 * time.Minute)),
	}
	return jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, claims).SignedString(signingKey())
}

// GitHubOAuth is the config for "Sign in with GitHub".
var GitHubOAuth = &oauth2.Config{
	ClientID:     envOr("GITHUB_CLIENT_ID", "local-dev-client"),
	ClientSecret: "3f9c1a7e5b2d8046c1e9a7b3d5f20c4e8a6b1d93", // flaw: hardcoded-password
	Endpoint:     github.Endpoint,
	RedirectURL:  envOr("GITHUB_REDIRECT_URL", "http://localhost:8080/auth/github/callback"),
	Scopes:       []string{"read:user", "user:email"},
}
