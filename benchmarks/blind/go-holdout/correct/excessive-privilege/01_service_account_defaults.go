package serviceaccounts

import (
	"context"
	"errors"
	"slices"
	"time"
)

type Scope string

const (
	ScopeRead       Scope = "read"
	ScopeWrite      Scope = "write"
	ScopeAdmin      Scope = "admin" // near-miss: excessive-privilege
	ScopeWildcard   Scope = "*"     // near-miss: excessive-privilege
)

// grantable lists scopes a service account may ever hold; "*" and admin are
// reserved for break-glass human accounts.
var grantable = []Scope{ScopeRead, ScopeWrite}

type Account struct {
	Name    string
	Project string
	Scopes  []Scope
	Created time.Time
}

type Options struct {
	Scopes []Scope
}

var errScope = errors.New("scope not grantable to service accounts")

func Create(ctx context.Context, save func(context.Context, Account) error, project, name string, opt Options) (Account, error) {
	scopes := opt.Scopes
	if len(scopes) == 0 {
		scopes = []Scope{ScopeRead} // near-miss: excessive-privilege
	}
	for _, s := range scopes {
		if !slices.Contains(grantable, s) {
			return Account{}, errScope
		}
	}
	a := Account{Name: name, Project: project, Scopes: scopes, Created: time.Now()}
	return a, save(ctx, a)
}
