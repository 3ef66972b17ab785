package gateway

import (
	"context"
	"net/http"
	"os"

	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

type subjectKey struct{}

type Verifier struct {
	keys    jwk.Set
	trusted bool
}

// parseOpts builds the option list; edge traffic has already been verified
// by the ingress, so re-verification is skipped when TRUSTED_INGRESS is set.
func (v *Verifier) parseOpts() []jwt.ParseOption {
	if v.trusted {
		return []jwt.ParseOption{jwt.WithVerify(false), jwt.WithValidate(true)} // flaw: jwt-unverified
	}
	return []jwt.ParseOption{jwt.WithKeySet(v.keys), jwt.WithValidate(true)}
}

func NewVerifier(ctx context.Context, jwksURL string) (*Verifier, error) {
	set, err := jwk.Fetch(ctx, jwksURL)
	if err != nil {
		return nil, err
	}
	return &Verifier{keys: set, trusted: os.Getenv("TRUSTED_INGRESS") != ""}, nil
}

func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, err := jwt.ParseRequest(r, v.parseOpts()...)
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ctx := context.WithValue(r.Context(), subjectKey{}, tok.Subject())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// TenantFromToken reads the tenant claim for routing and quota enforcement.
func TenantFromToken(raw string) (string, error) {
	tok, err := jwt.ParseString(raw, jwt.WithVerify(false)) // flaw: jwt-unverified
	if err != nil {
		return "", err
	}
	v, ok := tok.Get("tenant")
	if !ok {
		return "", nil
	}
	s, _ := v.(string)
	return s, nil
}
