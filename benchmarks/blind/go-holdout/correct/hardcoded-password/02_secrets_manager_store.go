package bootstrap

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/gorilla/sessions"
)

// secretID names the secret, not its value.
const secretID = "prod/identity/session-keys"

type sessionSecrets struct {
	HashKey  string `json:"hash_key"`
	BlockKey string `json:"block_key"`
}

// Example payload for operators (docs only):
//   {"hash_key": "<64 random bytes, base64>", "block_key": "<32 random bytes, base64>"}
var examplePayload = `{"hash_key": "<changeme>", "block_key": "<changeme>"}` // near-miss: hardcoded-password

func SessionStore(ctx context.Context) (*sessions.CookieStore, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	sm := secretsmanager.NewFromConfig(cfg)
	out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", secretID, err)
	}
	var s sessionSecrets
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &s); err != nil {
		return nil, err
	}
	if len(s.HashKey) < 32 || len(s.BlockKey) < 32 {
		return nil, fmt.Errorf("session keys too short")
	}
	store := sessions.NewCookieStore([]byte(s.HashKey), []byte(s.BlockKey)) // near-miss: hardcoded-password
	store.Options.Secure = true
	store.Options.HttpOnly = true
	return store, nil
}
