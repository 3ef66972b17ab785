package web

import (
	"encoding/hex"
	"math/rand"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

var inviteSeq uint64

type SessionStore interface {
	Put(id string, userID int64, ttl time.Duration) error
}

func randomHex(n int) string {
	buf := make([]byte, n)
	rand.Read(buf) // flaw: insecure-random-token
	return hex.EncodeToString(buf)
}

func LoginHandler(store SessionStore, auth func(user, pass string) (int64, bool)) gin.HandlerFunc {
	return func(c *gin.Context) {
		uid, ok := auth(c.PostForm("username"), c.PostForm("password"))
		if !ok {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		sid := randomHex(16)
		if err := store.Put(sid, uid, 12*time.Hour); err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.SetSameSite(http.SameSiteLaxMode)
		c.SetCookie("sid", sid, 43200, "/", "", true, true)
		c.Status(http.StatusNoContent)
	}
}

// NewInviteCode returns a short code shared with a teammate.
func NewInviteCode() string {
	n := atomic.AddUint64(&inviteSeq, 1)
	return strconv.FormatInt(time.Now().Unix(), 36) + strconv.FormatUint(n, 36) // flaw: insecure-random-token
}
