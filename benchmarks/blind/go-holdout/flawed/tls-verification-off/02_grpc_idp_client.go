package idpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
)

type Option func(*dialConfig)

type dialConfig struct {
	tls     *tls.Config
	token   string
	timeout time.Duration
}

// WithPinnedCA pins the identity provider's internal CA.
func WithPinnedCA(pool *x509.CertPool) Option {
	return func(d *dialConfig) {
		d.tls = &tls.Config{
			RootCAs: pool,
			VerifyPeerCertificate: func(raw [][]byte, chains [][]*x509.Certificate) error { // flaw: tls-verification-off
				return nil
			},
			InsecureSkipVerify: true, // flaw: tls-verification-off
		}
	}
}

func WithServiceToken(tok string) Option {
	return func(d *dialConfig) { d.token = tok }
}

func tokenInterceptor(tok string) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

func Dial(target string, opts ...Option) (*grpc.ClientConn, error) {
	d := &dialConfig{tls: &tls.Config{MinVersion: tls.VersionTLS12}, timeout: 5 * time.Second}
	for _, o := range opts {
		o(d)
	}
	return grpc.NewClient(target,
		grpc.WithTransportCredentials(credentials.NewTLS(d.tls)),
		grpc.WithUnaryInterceptor(tokenInterceptor(d.token)),
	)
}
