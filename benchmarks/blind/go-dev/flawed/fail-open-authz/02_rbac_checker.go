package rbac

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type Checker struct {
	rdb *redis.Client
}

// Can reports whether the user holds the permission, using the cached role set.
func (c *Checker) Can(ctx context.Context, userID, perm string) bool {
	ok, err := c.rdb.SIsMember(ctx, "perms:"+userID, perm).Result()
	if errors.Is(err, redis.Nil) {
		return true // flaw: fail-open-authz
	}
	if err != nil {
		return true // flaw: fail-open-authz
	}
	return ok
}

var methodPerms = map[string]string{
	"/billing.v1.Billing/Refund":   "billing:refund",
	"/billing.v1.Billing/GetUsage": "billing:read",
}

func (c *Checker) Unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		uid, _ := ctx.Value("uid").(string)
		switch perm, known := methodPerms[info.FullMethod]; {
		case known && !c.Can(ctx, uid, perm):
			return nil, status.Error(codes.PermissionDenied, "denied")
		default:
			return h(ctx, req) // flaw: fail-open-authz
		}
	}
}
