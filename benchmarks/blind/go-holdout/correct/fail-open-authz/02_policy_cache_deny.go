package permissions

import (
	"context"
	"sync"
	"time"
)

type Lookup func(ctx context.Context, userID, resource string) ([]string, error)

type cached struct {
	actions []string
	at      time.Time
}

type Cache struct {
	mu     sync.Mutex
	lookup Lookup
	ttl    time.Duration
	items  map[string]cached
}

func NewCache(l Lookup, ttl time.Duration) *Cache {
	return &Cache{lookup: l, ttl: ttl, items: map[string]cached{}}
}

// Can reports whether userID may perform action on resource. Any lookup
// failure or an empty permission set denies.
func (c *Cache) Can(ctx context.Context, userID, resource, action string) bool {
	key := userID + "|" + resource
	c.mu.Lock()
	ent, ok := c.items[key]
	c.mu.Unlock()
	if !ok || time.Since(ent.at) > c.ttl {
		ctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		acts, err := c.lookup(ctx, userID, resource)
		if err != nil {
			return false // near-miss: fail-open-authz
		}
		ent = cached{actions: acts, at: time.Now()}
		c.mu.Lock()
		c.items[key] = ent
		c.mu.Unlock()
	}
	for _, a := range ent.actions {
		if a == action || a == resource+":*" {
			return true // near-miss: fail-open-authz
		}
	}
	return false
}
