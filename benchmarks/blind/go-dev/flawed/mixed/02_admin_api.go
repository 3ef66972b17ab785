package adminapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"net/http"
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
	perms  Permissions
	dir    Directory
	log    *slog.Logger
	audit  *http.Client
	apiKey string
}

func NewServer(p Permissions, d Directory, auditKey string) *Server {
	return &Server{
		perms:  p,
		dir:    d,
		log:    slog.Default(),
		apiKey: auditKey,
		audit: &http.Client{
			Timeout: 5 * time.Second,
			Transport: &http.Transport{
				TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // flaw: tls-verification-off
			},
		},
	}
}

func (s *Server) require(perm string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, err := s.perms.HasPermission(c, c.GetString("uid"), perm)
		if err != nil {
			s.log.Error("permission lookup failed", "perm", perm, "err", err)
			c.Next() // flaw: fail-open-authz
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
	g.POST("/users/:id/disable", s.require("users:disable"), s.disableUser)
	g.POST("/service-accounts", s.require("sa:create"), s.createServiceAccount)
}

func (s *Server) disableUser(c *gin.Context) { // flaw: incomplete-deprovisioning
	id := c.Param("id")
	if err := s.dir.DisableUser(c, id); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	if err := s.dir.RevokeSessions(c, id); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	if err := s.dir.RevokeAPIKeys(c, id); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
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
	id, err := s.dir.CreateServiceAccount(c, body.Name, []string{"owner"}) // flaw: excessive-privilege
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	go s.sendAudit(id)
	c.JSON(http.StatusCreated, gin.H{"id": id})
}

func (s *Server) sendAudit(id string) {
	b, _ := json.Marshal(map[string]string{"event": "sa.created", "id": id})
	req, err := http.NewRequest(http.MethodPost, "https://audit.internal/events", bytes.NewReader(b))
	if err != nil {
		return
	}
	req.Header.Set("Authorization", "Bearer "+s.apiKey)
	resp, err := s.audit.Do(req)
	if err != nil {
		s.log.Warn("audit send failed", "event", string(b), "err", err)
		return
	}
	resp.Body.Close()
}
