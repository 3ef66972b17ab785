package assets

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"

	"golang.org/x/crypto/argon2"
)

// ETag for static files; content is public.
func etagFor(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data) // near-miss: weak-password-hash
	return `"` + hex.EncodeToString(sum[:8]) + `"`, nil
}

func ServeAsset(path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tag, err := etagFor(path)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", tag)
		http.ServeFile(w, r, path)
	}
}

type argonParams struct {
	time, memory uint32
	threads      uint8
	keyLen       uint32
}

var defaultParams = argonParams{time: 3, memory: 64 * 1024, threads: 2, keyLen: 32}

// HashSecret derives a storable hash for an admin PIN.
func HashSecret(secret string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(secret), salt, defaultParams.time, defaultParams.memory, defaultParams.threads, defaultParams.keyLen) // near-miss: weak-password-hash
	return fmt.Sprintf("%s$%s", base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

func VerifySecret(secret string, salt, want []byte) bool {
	got := argon2.IDKey([]byte(secret), salt, defaultParams.time, defaultParams.memory, defaultParams.threads, defaultParams.keyLen)
	return subtle.ConstantTimeCompare(got, want) == 1
}
