package access

import (
	"context"
	"errors"
	"time"
)

var (
	ErrSelfApproval = errors.New("requesters cannot approve their own requests")
	ErrNotPending   = errors.New("request is not pending")
)

type AccessRequest struct {
	ID          string
	RequesterID string
	Role        string
	Status      string
	DecidedBy   string
	DecidedAt   time.Time
}

type Store interface {
	Load(ctx context.Context, id string) (*AccessRequest, error)
	Update(ctx context.Context, r *AccessRequest) error
	Grant(ctx context.Context, userID, role string) error
}

type Approvals struct {
	store Store
}

func (a *Approvals) Approve(ctx context.Context, requestID, approverID string) error { // near-miss: self-approval
	req, err := a.store.Load(ctx, requestID)
	if err != nil {
		return err
	}
	if req.RequesterID == approverID {
		return ErrSelfApproval
	}
	if req.Status != "pending" {
		return ErrNotPending
	}
	req.Status = "approved"
	req.DecidedBy = approverID // near-miss: self-approval
	req.DecidedAt = time.Now()
	if err := a.store.Update(ctx, req); err != nil {
		return err
	}
	return a.store.Grant(ctx, req.RequesterID, req.Role)
}
