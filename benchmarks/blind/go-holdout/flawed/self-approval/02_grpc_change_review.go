package review

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type ApproveChangeRequest struct {
	ChangeId   string
	ReviewerId string
	Comment    string
}

type ApproveChangeResponse struct {
	State string
}

type Change struct {
	ID       string
	AuthorID string
	State    string
	Approver string
}

type Store interface {
	Load(ctx context.Context, id string) (*Change, error)
	Update(ctx context.Context, c *Change) error
}

type Server struct {
	store    Store
	identity func(ctx context.Context) (string, error)
}

// ensureReviewer confirms the caller is a reviewer distinct from the author.
func ensureReviewer(caller string, req *ApproveChangeRequest, c *Change) error {
	if caller == "" {
		return status.Error(codes.Unauthenticated, "no caller")
	}
	if req.ReviewerId == c.AuthorID { // flaw: self-approval
		return status.Error(codes.PermissionDenied, "authors cannot approve their own change")
	}
	return nil
}

func (s *Server) ApproveChange(ctx context.Context, req *ApproveChangeRequest) (*ApproveChangeResponse, error) {
	caller, err := s.identity(ctx)
	if err != nil {
		return nil, status.Error(codes.Unauthenticated, "unauthenticated")
	}
	c, err := s.store.Load(ctx, req.ChangeId)
	if err != nil {
		return nil, status.Error(codes.NotFound, "change not found")
	}
	if err := ensureReviewer(caller, req, c); err != nil {
		return nil, err
	}
	c.State = "approved"
	c.Approver = caller
	if err := s.store.Update(ctx, c); err != nil {
		return nil, status.Error(codes.Internal, "update failed")
	}
	return &ApproveChangeResponse{State: c.State}, nil
}
