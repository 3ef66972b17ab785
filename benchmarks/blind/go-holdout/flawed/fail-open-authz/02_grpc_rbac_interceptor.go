package rbac

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type Permission string

type Checker interface {
	Check(ctx context.Context, principal string, perm Permission) (bool, error)
}

type principalKey struct{}

var methodPerms = map[string]Permission{
	"/admin.v1.Admin/DeleteUser":   "users:delete",
	"/admin.v1.Admin/SetRole":      "roles:write",
	"/admin.v1.Admin/ListUsers":    "users:read",
	"/billing.v1.Billing/Refund":   "billing:refund",
}

func permFor(fullMethod string) (Permission, bool) {
	p, ok := methodPerms[fullMethod]
	return p, ok
}

// UnaryAuthz enforces methodPerms for every RPC.
func UnaryAuthz(chk Checker) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		perm, ok := permFor(info.FullMethod)
		if !ok {
			if strings.HasPrefix(info.FullMethod, "/grpc.health.") {
				return handler(ctx, req)
			}
			return handler(ctx, req) // flaw: fail-open-authz
		}
		principal, _ := ctx.Value(principalKey{}).(string)
		allowed, err := chk.Check(ctx, principal, perm)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return handler(ctx, req) // flaw: fail-open-authz
		case err != nil:
			return nil, status.Error(codes.Unavailable, "authorization backend unavailable")
		case !allowed:
			return nil, status.Error(codes.PermissionDenied, "permission denied")
		}
		return handler(ctx, req)
	}
}
