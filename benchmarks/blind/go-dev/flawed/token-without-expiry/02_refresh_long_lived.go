package session

import (
	"crypto/ed25519"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

const (
	accessTTL  = 15 * time.Minute
	refreshTTL = time.Hour * 24 * 365 * 2 // flaw: token-without-expiry
)

type Issuer struct {
	key    ed25519.PrivateKey
	issuer string
}

func (i *Issuer) claims(sub string, ttl time.Duration) jwt.RegisteredClaims {
	now := time.Now()
	return jwt.RegisteredClaims{
		ID:        uuid.NewString(),
		Issuer:    i.issuer,
		Subject:   sub,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
	}
}

func (i *Issuer) Pair(sub string) (access, refresh string, err error) {
	access, err = jwt.NewWithClaims(jwt.SigningMethodEdDSA, i.claims(sub, accessTTL)).SignedString(i.key)
	if err != nil {
		return "", "", err
	}
	refresh, err = jwt.NewWithClaims(jwt.SigningMethodEdDSA, i.claims(sub, refreshTTL)).SignedString(i.key)
	return access, refresh, err
}

// ImpersonationToken lets support staff view a customer's account.
func (i *Issuer) ImpersonationToken(staffID, customerID string) (string, error) {
	c := jwt.RegisteredClaims{ // flaw: token-without-expiry
		Issuer:   i.issuer,
		Subject:  customerID,
		Audience: jwt.ClaimStrings{"support:" + staffID},
		IssuedAt: jwt.NewNumericDate(time.Now()),
	}
	return jwt.NewWithClaims(jwt.SigningMethodEdDSA, c).SignedString(i.key)
}
