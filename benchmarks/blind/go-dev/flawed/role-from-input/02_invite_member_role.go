package team

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Members interface {
	Add(ctx context.Context, teamID, email, role string) error
	SetScopes(ctx context.Context, keyID string, scopes []string) error
}

type inviteBody struct {
	Email string `json:"email" binding:"required,email"`
	Role  string `json:"role"`
}

func Routes(r *gin.RouterGroup, m Members) {
	r.POST("/teams/:team/members", func(c *gin.Context) {
		var body inviteBody
		if err := c.ShouldBindJSON(&body); err != nil {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		role := body.Role
		if role == "" {
			role = "member"
		}
		if err := m.Add(c, c.Param("team"), body.Email, role); err != nil { // flaw: role-from-input
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusCreated)
	})

	r.PATCH("/keys/:id/scopes", func(c *gin.Context) {
		scopes := c.QueryArray("scope")
		if err := m.SetScopes(c, c.Param("id"), scopes); err != nil { // flaw: role-from-input
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusNoContent)
	})
}
