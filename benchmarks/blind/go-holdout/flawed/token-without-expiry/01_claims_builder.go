package issuer

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

type ServiceClaims struct {
	Scope string `json:"scope"`
	jwt.RegisteredClaims
}

type ClaimOption func(*ServiceClaims)

func WithAudience(aud ...string) ClaimOption {
	return func(c *ServiceClaims) { c.Audience = aud }
}

func WithScope(s string) ClaimOption {
	return func(c *ServiceClaims) { c.Scope = s }
}

// newClaims fills the registered claims every token carries.
func newClaims(iss, sub string, opts ...ClaimOption) *ServiceClaims {
	now := time.Now()
	c := &ServiceClaims{
		RegisteredClaims: jwt.RegisteredClaims{ // flaw: token-without-expiry
			ID:        uuid.NewString(),
			Issuer:    iss,
			Subject:   sub,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
		},
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

type Signer struct {
	Issuer string
	Key    any
	Method jwt.SigningMethod
}

// ServiceToken mints a machine-to-machine token for the given client.
func (s *Signer) ServiceToken(clientID string, scope string) (string, error) {
	c := newClaims(s.Issuer, clientID, WithAudience("internal-api"), WithScope(scope))
	return jwt.NewWithClaims(s.Method, c).SignedString(s.Key)
}
