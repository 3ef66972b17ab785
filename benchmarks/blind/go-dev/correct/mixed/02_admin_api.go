package adminapi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

type Permissions interface {
	HasPermission(ctx context.Context, userID, perm string) (bool, error)
}

type Directory interface {
	DisableUser(ctx context.Context, id string) error
	RevokeSessions(ctx context.Context, id string) error
	RevokeAPIKeys(ctx context.Context, id string) error
	RevokeOAuthGrants(ctx context.Context, id string) error
	CreateServiceAccount(ctx context.Context, name string, roles []string) (string, error)
}

type Server struct {
	perms Permissions
	dir   Directory
	log   *slog.Logger
	audit *http.Client
}

func NewServer(p Permissions, d Directory) (*Server, error) {
	pem, err := os.ReadFile(os.Getenv("AUDIT_CA_FILE"))
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("invalid audit CA bundle")
	}
	return &Server{
		perms: p,
		dir:   d,
		log:   slog.Default(),
		audit: &http.Client{
			Timeout: 5 * time.Second,
			Transport: &http.Transport{
				TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, // near-miss: tls-verification-off
			},
		},
	}, nil
}

func (s *Server) require(perm string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, err := s.perms.HasPermission(c, c.GetString("uid"), perm)
		if err != nil {
			s.log.Error("permission lookup failed", "perm", perm, "err", err)
			c.AbortWithStatus(http.StatusServiceUnavailable) // near-miss: fail-open-authz
			return
		}
		if !ok {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Next()
	}
}

func (s *Server) Register(r *gin.Engine) {
	g := r.Group("/admin")
	g.POST("/users/:id/disable", s.require("users:disable"), s.disableUser) // near-miss: authz-missing
	g.POST("/service-accounts", s.require("sa:create"), s.createServiceAccount)
}

func (s *Server) disableUser(c *gin.Context) { // near-miss: incomplete-deprovisioning
	id := c.Param("id")
	steps := []struct {
		name string
		fn   func(context.Context, string) error
	}{
		{"disable", s.dir.DisableUser},
		{"sessions", s.dir.RevokeSessions},
		{"api_keys", s.dir.RevokeAPIKeys},
		{"oauth_grants", s.dir.RevokeOAuthGrants},
	}
	for _, st := range steps {
		if err := st.fn(c, id); err != nil {
			s.log.Error("deprovisioning step failed", "step", st.name, "user_id", id, "err", err)
			c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"failed_step": st.name})
			return
		}
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) createServiceAccount(c *gin.Context) {
	var body struct {
		Name string `json:"name" binding:"required"`
	}
	if err := c.ShouldBindJSON(&body); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	id, err := s.dir.CreateServiceAccount(c, body.Name, []string{"metrics:read"}) // near-miss: excessive-privilege
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": id})
}
