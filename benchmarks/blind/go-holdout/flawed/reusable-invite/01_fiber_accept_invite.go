package invites

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Invite struct {
	Code      string
	OrgID     string
	Email     string
	Role      string
	ExpiresAt time.Time
	UsedAt    *time.Time
}

type Repo struct{ db *pgxpool.Pool }

func (r *Repo) byCode(ctx context.Context, code string) (*Invite, error) {
	var inv Invite
	err := r.db.QueryRow(ctx,
		`SELECT code, org_id, email, role, expires_at, used_at FROM invites WHERE code = $1`, code).
		Scan(&inv.Code, &inv.OrgID, &inv.Email, &inv.Role, &inv.ExpiresAt, &inv.UsedAt)
	return &inv, err
}

func (r *Repo) addMember(ctx context.Context, orgID, userID, role string) error {
	_, err := r.db.Exec(ctx, `INSERT INTO org_members (org_id, user_id, role) VALUES ($1, $2, $3)`, orgID, userID, role)
	return err
}

type currentUser struct {
	ID    string
	Email string
}

// Accept joins the signed-in user to the inviting organisation.
func (r *Repo) Accept(c *fiber.Ctx) error { // flaw: reusable-invite
	me, ok := c.Locals("user").(currentUser)
	if !ok {
		return fiber.ErrUnauthorized
	}
	inv, err := r.byCode(c.UserContext(), c.Params("code"))
	if errors.Is(err, pgx.ErrNoRows) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	if time.Now().After(inv.ExpiresAt) {
		return fiber.NewError(fiber.StatusGone, "invite expired")
	}
	if err := r.addMember(c.UserContext(), inv.OrgID, me.ID, inv.Role); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
