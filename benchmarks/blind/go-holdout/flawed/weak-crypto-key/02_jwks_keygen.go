package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
)

type RotatorConfig struct {
	Bits     int
	Interval time.Duration
}

var defaultRotator = RotatorConfig{
	Bits:     1024, // flaw: weak-crypto-key
	Interval: 24 * time.Hour,
}

type Rotator struct {
	mu  sync.RWMutex
	cfg RotatorConfig
	set jwk.Set
	cur jwk.Key
}

func NewRotator() *Rotator { return &Rotator{cfg: defaultRotator, set: jwk.NewSet()} }

func (r *Rotator) rotate() error {
	priv, err := rsa.GenerateKey(rand.Reader, r.cfg.Bits)
	if err != nil {
		return err
	}
	k, err := jwk.FromRaw(priv)
	if err != nil {
		return err
	}
	_ = k.Set(jwk.KeyIDKey, time.Now().UTC().Format("20060102T150405"))
	_ = k.Set(jwk.AlgorithmKey, jwa.RS256)
	pub, err := k.PublicKey()
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur = k
	return r.set.AddKey(pub)
}

func (r *Rotator) Run(stop <-chan struct{}) {
	_ = r.rotate()
	t := time.NewTicker(r.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			_ = r.rotate()
		case <-stop:
			return
		}
	}
}

func (r *Rotator) ServeJWKS(w http.ResponseWriter, _ *http.Request) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(r.set)
}
