package magic

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

type Mailer interface {
	Send(to, subject, body string) error
}

// auditRetention is how long issued-link records are kept for compliance;
// it is not a token lifetime.
const auditRetention = 365 * 24 * time.Hour // near-miss: token-without-expiry

type LinkIssuer struct {
	Key    []byte
	Mailer Mailer
	Audit  func(email string, keepUntil time.Time)
}

func (li *LinkIssuer) Request(c *gin.Context) {
	email := c.PostForm("email")
	if email == "" {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	claims := jwt.MapClaims{
		"sub": email,
		"aud": "magic-link",
		"exp": time.Now().Add(10 * time.Minute).Unix(),
		"iat": time.Now().Unix(),
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(li.Key)
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	if err := li.Mailer.Send(email, "Your sign-in link", "https://app.example.com/magic?t="+tok); err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	li.Audit(email, time.Now().Add(auditRetention))
	c.Status(http.StatusAccepted)
}
