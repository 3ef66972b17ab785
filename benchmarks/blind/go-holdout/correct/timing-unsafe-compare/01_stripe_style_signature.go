package billing

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

var (
	ErrBadHeader = errors.New("malformed signature header")
	ErrStale     = errors.New("timestamp outside tolerance")
	ErrMismatch  = errors.New("signature mismatch")
)

const tolerance = 5 * time.Minute

// VerifyEvent checks a "t=...,v1=..." signature header.
func VerifyEvent(secret []byte, header string, payload []byte, now time.Time) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	if ts == "" || sig == "" { // near-miss: timing-unsafe-compare
		return ErrBadHeader
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadHeader
	}
	if now.Sub(time.Unix(sec, 0)).Abs() > tolerance {
		return ErrStale
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(ts + "."))
	mac.Write(payload)
	want := mac.Sum(nil)
	got, err := hex.DecodeString(sig)
	if err != nil || !hmac.Equal(got, want) { // near-miss: timing-unsafe-compare
		return ErrMismatch
	}
	return nil
}
