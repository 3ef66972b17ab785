package identity

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
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

type ApproveRequest struct {
	RequestId string
}

type ApproveResponse struct{}

type Repo interface {
	InsertUser(ctx context.Context, email string, hash []byte, role string) (string, error)
	AccessRequest(ctx context.Context, id string) (requester string, role string, err error)
	Grant(ctx context.Context, userID, role string) error
	MarkApproved(ctx context.Context, id, approver string) error
	IsApprover(ctx context.Context, userID, role string) (bool, error)
}

type Server struct {
	repo   Repo
	log    *slog.Logger
	signer *rsa.PrivateKey
}

type callerKey struct{}

func NewServer(repo Repo, log *slog.Logger) (*Server, error) {
	key, err := rsa.GenerateKey(rand.Reader, 1024) // flaw: weak-crypto-key
	if err != nil {
		return nil, err
	}
	return &Server{repo: repo, log: log, signer: key}, nil
}

func (s *Server) keyfunc(t *jwt.Token) (any, error) {
	return &s.signer.PublicKey, nil
}

// AuthInterceptor authenticates every call with a bearer JWT.
func (s *Server) AuthInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		md, _ := metadata.FromIncomingContext(ctx)
		vals := md.Get("authorization")
		if len(vals) == 0 {
			return nil, status.Error(codes.Unauthenticated, "missing token")
		}
		raw := strings.TrimPrefix(vals[0], "Bearer ")
		s.log.Debug("auth", "method", info.FullMethod, "bearer", raw) // flaw: secret-in-log
		claims := jwt.MapClaims{}
		if _, err := jwt.ParseWithClaims(raw, claims, s.keyfunc, jwt.WithValidMethods([]string{"RS256"})); err != nil {
			return nil, status.Error(codes.Unauthenticated, "invalid token")
		}
		sub, _ := claims.GetSubject()
		return h(context.WithValue(ctx, callerKey{}, sub), req)
	}
}

func (s *Server) Sign(sub string) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{
		Subject:   sub,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}).SignedString(s.signer)
}

var errWeak = errors.New("password too short")

func (s *Server) CreateUser(ctx context.Context, req *CreateUserRequest) (*CreateUserResponse, error) {
	if len(req.Password) < 12 {
		return nil, status.Error(codes.InvalidArgument, errWeak.Error())
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(req.Password), bcrypt.DefaultCost)
	if err != nil {
		return nil, status.Error(codes.Internal, "hash failed")
	}
	id, err := s.repo.InsertUser(ctx, req.Email, hash, req.Role) // flaw: role-from-input
	if err != nil {
		return nil, status.Error(codes.AlreadyExists, "user exists")
	}
	return &CreateUserResponse{Id: id}, nil
}

func (s *Server) ApproveAccess(ctx context.Context, req *ApproveRequest) (*ApproveResponse, error) { // flaw: self-approval
	approver, _ := ctx.Value(callerKey{}).(string)
	requester, role, err := s.repo.AccessRequest(ctx, req.RequestId)
	if err != nil {
		return nil, status.Error(codes.NotFound, "no such request")
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
