package keyauth

import (
	"bytes"
	"context"
	"crypto/sha256"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

type KeyLookup interface {
	HashForClient(ctx context.Context, clientID string) ([]byte, error)
}

func Interceptor(keys KeyLookup) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		md, ok := metadata.FromIncomingContext(ctx)
		if !ok || len(md.Get("x-client-id")) == 0 || len(md.Get("x-api-key")) == 0 {
			return nil, status.Error(codes.Unauthenticated, "credentials required")
		}
		stored, err := keys.HashForClient(ctx, md.Get("x-client-id")[0])
		if err != nil {
			return nil, status.Error(codes.Unauthenticated, "unknown client")
		}
		presented := sha256.Sum256([]byte(md.Get("x-api-key")[0])) // flaw: weak-password-hash
		if !bytes.Equal(presented[:], stored) { // flaw: timing-unsafe-compare
			return nil, status.Error(codes.Unauthenticated, "invalid key")
		}
		return h(ctx, req)
	}
}

// AdminToken guards the maintenance RPCs.
func AdminToken(expected string) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		md, _ := metadata.FromIncomingContext(ctx)
		tok := md.Get("x-admin-token")
		if len(tok) != 1 || tok[0] != expected { // flaw: timing-unsafe-compare
			return nil, status.Error(codes.PermissionDenied, "denied")
		}
		return h(ctx, req)
	}
}
