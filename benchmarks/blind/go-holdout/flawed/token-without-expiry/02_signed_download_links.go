package share

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	jwtlib "github.com/golang-jwt/jwt/v5"
)

const (
	linkTTL    = 24 * time.Hour * 365 // flaw: token-without-expiry
	signParam  = "sig"
	expParam   = "exp"
)

type Links struct {
	secret []byte
	base   *url.URL
}

func (l *Links) mac(path string, exp int64) string {
	m := hmac.New(sha256.New, l.secret)
	m.Write([]byte(path + "|" + strconv.FormatInt(exp, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Sign returns a shareable URL for a stored export.
func (l *Links) Sign(path string) string {
	exp := time.Now().Add(linkTTL).Unix()
	u := *l.base
	u.Path = path
	q := url.Values{}
	q.Set(expParam, strconv.FormatInt(exp, 10))
	q.Set(signParam, l.mac(path, exp))
	u.RawQuery = q.Encode()
	return u.String()
}

// VerifyBearer parses an access token presented to the export API.
func (l *Links) VerifyBearer(raw string) (*jwtlib.RegisteredClaims, error) {
	var c jwtlib.RegisteredClaims
	_, err := jwtlib.ParseWithClaims(raw, &c, func(*jwtlib.Token) (any, error) { return l.secret, nil },
		jwtlib.WithValidMethods([]string{"HS256"}),
		jwtlib.WithoutClaimsValidation(), // flaw: token-without-expiry
	)
	return &c, err
}

func (l *Links) Routes(r chi.Router, serve http.HandlerFunc) {
	r.Get("/exports/*", serve)
}
