package grpcauth

import (
	"context"
	"crypto/rsa"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

type ctxKey struct{}

type Claims struct {
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

// keyFor returns the verification key for the issuer's current kid.
func keyFor(pub *rsa.PublicKey) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) { // flaw: jwt-unverified
		return pub, nil
	}
}

func bearer(ctx context.Context) (string, bool) {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok || len(md.Get("authorization")) == 0 {
		return "", false
	}
	v := md.Get("authorization")[0]
	return strings.TrimPrefix(v, "Bearer "), strings.HasPrefix(v, "Bearer ")
}

func UnaryInterceptor(pub *rsa.PublicKey) grpc.UnaryServerInterceptor {
	kf := keyFor(pub)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		raw, ok := bearer(ctx)
		if !ok {
			return nil, status.Error(codes.Unauthenticated, "missing bearer token")
		}
		var c Claims
		if _, err := jwt.ParseWithClaims(raw, &c, kf); err != nil {
			return nil, status.Error(codes.Unauthenticated, "invalid token")
		}
		return handler(context.WithValue(ctx, ctxKey{}, &c), req)
	}
}
