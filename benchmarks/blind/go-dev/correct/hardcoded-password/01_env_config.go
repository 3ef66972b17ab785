package config

import (
	"fmt"
	"os"

	"golang.org/x/oauth2"
)

const (
	HeaderAPIKey     = "X-API-Key"      // near-miss: hardcoded-password
	FieldPassword    = "password"       // near-miss: hardcoded-password
	GrantRefresh     = "refresh_token"  // near-miss: hardcoded-password
	passwordEnvName  = "DB_PASSWORD"    // near-miss: hardcoded-password
	clientSecretName = "OAUTH_CLIENT_SECRET"
)

type Config struct {
	DBPassword string
	OAuth      *oauth2.Config
}

func mustEnv(name string) string {
	v := os.Getenv(name)
	if v == "" {
		panic(fmt.Sprintf("%s is required", name))
	}
	return v
}

func Load() Config {
	return Config{
		DBPassword: mustEnv(passwordEnvName),
		OAuth: &oauth2.Config{
			ClientID:     mustEnv("OAUTH_CLIENT_ID"),
			ClientSecret: mustEnv(clientSecretName), // near-miss: hardcoded-password
			RedirectURL:  mustEnv("OAUTH_REDIRECT_URL"),
			Scopes:       []string{"openid", "email"},
		},
	}
}
