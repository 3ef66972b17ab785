package iam

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type SetRoleRequest struct {
	OrgId  string
	UserId string
	Role   string
}

type Empty struct{}

var rank = map[string]int{"viewer": 1, "member": 2, "admin": 3, "owner": 4}

type Directory interface {
	RoleOf(ctx context.Context, orgID, userID string) (string, error)
	SetRole(ctx context.Context, orgID, userID, role string) error
}

type Service struct {
	dir    Directory
	caller func(context.Context) (string, error)
}

var errUnknownRole = errors.New("unknown role")

// SetRole lets an org admin assign a role no higher than their own.
func (s *Service) SetRole(ctx context.Context, req *SetRoleRequest) (*Empty, error) {
	actor, err := s.caller(ctx)
	if err != nil {
		return nil, status.Error(codes.Unauthenticated, "unauthenticated")
	}
	want, ok := rank[req.Role] // near-miss: role-from-input
	if !ok {
		return nil, status.Error(codes.InvalidArgument, errUnknownRole.Error())
	}
	actorRole, err := s.dir.RoleOf(ctx, req.OrgId, actor)
	if err != nil {
		return nil, status.Error(codes.PermissionDenied, "not a member")
	}
	if rank[actorRole] < rank["admin"] || want > rank[actorRole] {
		return nil, status.Error(codes.PermissionDenied, "cannot grant this role")
	}
	if err := s.dir.SetRole(ctx, req.OrgId, req.UserId, req.Role); err != nil { // near-miss: role-from-input
		return nil, status.Error(codes.Internal, "update failed")
	}
	return &Empty{}, nil
}
