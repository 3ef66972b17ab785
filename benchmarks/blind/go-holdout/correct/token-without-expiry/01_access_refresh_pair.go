package session

import (
	"time"

	jwtlib "github.com/golang-jwt/jwt/v5"
)

const (
	accessTTL  = 15 * time.Minute
	refreshTTL = 12 * time.Hour
	// clockSkew tolerated when validating tokens from sibling services.
	clockSkew = 30 * time.Second
)

type Pair struct {
	Access  string
	Refresh string
}

func registered(sub, aud string, ttl time.Duration) jwtlib.RegisteredClaims {
	now := time.Now()
	return jwtlib.RegisteredClaims{
		Subject:   sub,
		Audience:  jwtlib.ClaimStrings{aud},
		IssuedAt:  jwtlib.NewNumericDate(now),
		ExpiresAt: jwtlib.NewNumericDate(now.Add(ttl)), // near-miss: token-without-expiry
	}
}

func IssuePair(key []byte, sub string) (Pair, error) {
	at, err := jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, registered(sub, "api", accessTTL)).SignedString(key)
	if err != nil {
		return Pair{}, err
	}
	rt, err := jwtlib.NewWithClaims(jwtlib.SigningMethodHS256, registered(sub, "refresh", refreshTTL)).SignedString(key)
	if err != nil {
		return Pair{}, err
	}
	return Pair{Access: at, Refresh: rt}, nil
}

func ParseAccess(key []byte, raw string) (*jwtlib.RegisteredClaims, error) {
	var c jwtlib.RegisteredClaims
	_, err := jwtlib.ParseWithClaims(raw, &c, func(*jwtlib.Token) (any, error) { return key, nil },
		jwtlib.WithValidMethods([]string{"HS256"}),
		jwtlib.WithAudience("api"),
		jwtlib.WithExpirationRequired(),
		jwtlib.WithLeeway(clockSkew),
	)
	return &c, err
}
