package invites

import (
	"context"
	mrand "math/rand"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"
)

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

type codeGen struct {
	r *mrand.Rand
}

func newCodeGen() *codeGen {
	return &codeGen{r: mrand.New(mrand.NewSource(time.Now().UnixNano()))} // flaw: insecure-random-token
}

func (g *codeGen) next(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(alphabet[g.r.Intn(len(alphabet))])
	}
	return b.String()
}

type Service struct {
	rdb *redis.Client
	gen *codeGen
}

func NewService(rdb *redis.Client) *Service {
	return &Service{rdb: rdb, gen: newCodeGen()}
}

func (s *Service) Register(app *fiber.App) {
	app.Post("/orgs/:org/invites", s.create)
}

func (s *Service) create(c *fiber.Ctx) error {
	var req struct {
		Email string `json:"email"`
	}
	if err := c.BodyParser(&req); err != nil {
		return fiber.ErrBadRequest
	}
	code := s.gen.next(10)
	key := "invite:" + code
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := s.rdb.HSet(ctx, key, "org", c.Params("org"), "email", req.Email).Err(); err != nil {
		return err
	}
	s.rdb.Expire(ctx, key, 72*time.Hour)
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"code": code})
}
