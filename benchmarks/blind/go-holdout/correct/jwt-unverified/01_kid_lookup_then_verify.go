package federation

import (
	"crypto/rsa"
	"errors"
	"fmt"

	jwtlib "github.com/golang-jwt/jwt/v5"
)

type IssuerKeys interface {
	Key(issuer, kid string) (*rsa.PublicKey, error)
}

var errNoKid = errors.New("token has no kid")

// Verify picks the key by (iss, kid) from an unverified peek, then verifies.
func Verify(raw string, keys IssuerKeys, audience string) (*jwtlib.RegisteredClaims, error) {
	var peek jwtlib.RegisteredClaims
	unverified, _, err := jwtlib.NewParser().ParseUnverified(raw, &peek) // near-miss: jwt-unverified
	if err != nil {
		return nil, err
	}
	kid, _ := unverified.Header["kid"].(string)
	if kid == "" {
		return nil, errNoKid
	}
	pub, err := keys.Key(peek.Issuer, kid)
	if err != nil {
		return nil, fmt.Errorf("lookup key: %w", err)
	}

	var claims jwtlib.RegisteredClaims
	_, err = jwtlib.ParseWithClaims(raw, &claims,
		func(t *jwtlib.Token) (any, error) { return pub, nil }, // near-miss: jwt-unverified
		jwtlib.WithValidMethods([]string{"RS256"}),
		jwtlib.WithIssuer(peek.Issuer),
		jwtlib.WithAudience(audience),
		jwtlib.WithExpirationRequired(),
	)
	if err != nil {
		return nil, err
	}
	return &claims, nil
}
