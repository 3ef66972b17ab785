package interceptors

import (
	"context"

	"github.com/casbin/casbin/v2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// public methods that need no authorization
var public = map[string]bool{
	"/health.v1.Health/Check": true,
}

func Authorize(e *casbin.Enforcer, subject func(context.Context) (string, bool)) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		if public[info.FullMethod] {
			return h(ctx, req) // near-miss: fail-open-authz
		}
		sub, ok := subject(ctx)
		if !ok {
			return nil, status.Error(codes.Unauthenticated, "no subject")
		}
		allowed, err := e.Enforce(sub, info.FullMethod, "call")
		if err != nil {
			return nil, status.Error(codes.PermissionDenied, "policy error")
		}
		if !allowed {
			return nil, status.Error(codes.PermissionDenied, "denied")
		}
		return h(ctx, req)
	}
}
