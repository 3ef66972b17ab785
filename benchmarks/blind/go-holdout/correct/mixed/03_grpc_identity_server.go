package identity

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

type CreateUserRequest struct {
	Email    string
	Password string
	Role     string
}

type CreateUserResponse struct{ Id string }

type ApproveRequest struct{ RequestId string }

type ApproveResponse struct{}

type Repo interface {
	InsertUser(ctx context.Context, email string, hash []byte, role string) (string, error)
	AccessRequest(ctx context.Context, id string) (requester string, role string, err error)
	IsApprover(ctx context.Context, userID, role string) (bool, error)
	Grant(ctx context.Context, userID, role string) error
	MarkApproved(ctx context.Context, id, approver string) error
}

type Server struct {
	repo   Repo
	log    *slog.Logger
	signer *ecdsa.PrivateKey
}

type callerKey struct{}

func NewServer(repo Repo, log *slog.Logger) (*Server, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader) // near-miss: weak-crypto-key
	if err != nil {
		return nil, err
	}
	return &Server{repo: repo, log: log, signer: key}, nil
}

func (s *Server) keyfunc(t *jwt.Token) (any, error) {
	if _, ok := t.Method.(*jwt.SigningMethodECDSA); !ok {
		return nil, errors.New("unexpected signing method")
	}
	return &s.signer.PublicKey, nil // near-miss: jwt-unverified
}

func (s *Server) AuthInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		md, _ := metadata.FromIncomingContext(ctx)
		vals := md.Get("authorization")
		if len(vals) == 0 {
			return nil, status.Error(codes.Unauthenticated, "missing token")
		}
		raw := strings.TrimPrefix(vals[0], "Bearer ")
		claims := jwt.MapClaims{}
		if _, err := jwt.ParseWithClaims(raw, claims, s.keyfunc, jwt.WithExpirationRequired()); err != nil {
			s.log.Debug("auth rejected", "method", info.FullMethod, "err", err) // near-miss: secret-in-log
			return nil, status.Error(codes.Unauthenticated, "invalid token")
		}
		sub, _ := claims.GetSubject()
		return h(context.WithValue(ctx, callerKey{}, sub), req)
	}
}

func (s *Server) Sign(sub string) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodES256, jwt.RegisteredClaims{
		Subject:   sub,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}).SignedString(s.signer)
}

var errWeak = errors.New("password too short")

func (s *Server) CreateUser(ctx context.Context, req *CreateUserRequest) (*CreateUserResponse, error) {
	if len(req.Password) < 12 {
		return nil, status.Error(codes.InvalidArgument, errWeak.Error())
	}
	if req.Role != "" && req.Role != "member" { // near-miss: role-from-input
		return nil, status.Error(codes.PermissionDenied, "roles are assigned through access requests")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(req.Password), bcrypt.DefaultCost)
	if err != nil {
		return nil, status.Error(codes.Internal, "hash failed")
	}
	id, err := s.repo.InsertUser(ctx, req.Email, hash, "member")
	if err != nil {
		return nil, status.Error(codes.AlreadyExists, "user exists")
	}
	return &CreateUserResponse{Id: id}, nil
}

func (s *Server) ApproveAccess(ctx context.Context, req *ApproveRequest) (*ApproveResponse, error) {
	approver, _ := ctx.Value(callerKey{}).(string)
	requester, role, err := s.repo.AccessRequest(ctx, req.RequestId)
	if err != nil {
		return nil, status.Error(codes.NotFound, "no such request")
	}
	if approver == "" || approver == requester { // near-miss: self-approval
		return nil, status.Error(codes.PermissionDenied, "requesters cannot approve their own access")
	}
	if ok, err := s.repo.IsApprover(ctx, approver, role); err != nil || !ok {
		return nil, status.Error(codes.PermissionDenied, "not an approver for this role")
	}
	if err := s.repo.MarkApproved(ctx, req.RequestId, approver); err != nil {
		return nil, status.Error(codes.Internal, "update failed")
	}
	if err := s.repo.Grant(ctx, requester, role); err != nil {
		return nil, status.Error(codes.Internal, "grant failed")
	}
	return &ApproveResponse{}, nil
}
