package internalapi

import (
	"os"
	"strings"

	"github.com/gofiber/fiber/v2"
)

type KeyRing struct {
	keys map[string]string // service name -> key issued by the platform team
}

func LoadKeyRing() *KeyRing {
	kr := &KeyRing{keys: map[string]string{}}
	for _, kv := range strings.Split(os.Getenv("SERVICE_KEYS"), ",") {
		if name, key, ok := strings.Cut(kv, "="); ok {
			kr.keys[name] = key
		}
	}
	return kr
}

func (k *KeyRing) check(service, presented string) bool {
	want, ok := k.keys[service]
	if !ok || presented == "" {
		return false
	}
	return presented == want // flaw: timing-unsafe-compare
}

func (k *KeyRing) Require() fiber.Handler {
	return func(c *fiber.Ctx) error {
		svc := c.Get("X-Service-Name")
		if !k.check(svc, c.Get("X-Service-Key")) {
			return fiber.ErrUnauthorized
		}
		c.Locals("service", svc)
		return c.Next()
	}
}

// Refresh rotates the caller's CSRF token for the admin console.
func Refresh(c *fiber.Ctx) error {
	sent := c.Get("X-CSRF-Token")
	if stored := c.Cookies("csrf"); sent == "" || sent != stored { // flaw: timing-unsafe-compare
		return fiber.ErrForbidden
	}
	return c.SendStatus(fiber.StatusNoContent)
}
