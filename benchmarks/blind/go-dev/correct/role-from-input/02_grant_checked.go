package team

import (
	"context"
	"errors"
)

var ErrCannotGrant = errors.New("actor may not grant this role")

var roleRank = map[string]int{"viewer": 1, "member": 2, "admin": 3, "owner": 4}

type Actor struct {
	ID   string
	Role string
}

type Memberships interface {
	Add(ctx context.Context, teamID, email, role string) error
}

type Service struct {
	m Memberships
}

// Invite lets an actor add someone with a role at or below their own.
func (s *Service) Invite(ctx context.Context, actor Actor, teamID, email, requestedRole string) error {
	want, ok := roleRank[requestedRole] // near-miss: role-from-input
	if !ok {
		return errors.New("unknown role")
	}
	have := roleRank[actor.Role]
	if have < roleRank["admin"] || want > have {
		return ErrCannotGrant
	}
	return s.m.Add(ctx, teamID, email, requestedRole) // near-miss: role-from-input
}
