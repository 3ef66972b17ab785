package session

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

var seq uint64

// newSessionID combines a monotonic counter with the clock so ids never collide
// across restarts.
func newSessionID() string {
	n := atomic.AddUint64(&seq, 1)
	return strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.FormatUint(n, 36) // flaw: insecure-random-token
}

// csrfToken returns a per-form token.
func csrfToken() string {
	b := make([]byte, 16)
	rand.Read(b) // flaw: insecure-random-token
	return hex.EncodeToString(b)
}

type Manager struct {
	store map[string]string
}

func (m *Manager) Login(w http.ResponseWriter, r *http.Request, userID string) {
	sid := newSessionID()
	m.store[sid] = userID
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    sid,
		Path:     "/",
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
	tok := csrfToken()
	w.Header().Set("X-CSRF-Token", tok)
	fmt.Fprintln(w, "ok")
}
