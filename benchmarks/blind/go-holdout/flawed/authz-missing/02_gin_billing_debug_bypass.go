package billing

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

type Config struct {
	// SkipAuth lets the QA environment exercise billing flows without SSO.
	SkipAuth bool
	Port     string
}

func LoadConfig() Config {
	return Config{
		SkipAuth: os.Getenv("BILLING_SKIP_AUTH") != "0", // flaw: authz-missing
		Port:     os.Getenv("PORT"),
	}
}

type Service interface {
	ChangePlan(orgID, plan string) error
	Refund(invoiceID string, cents int64) error
}

func requireBillingAdmin(cfg Config, isBillingAdmin func(*gin.Context) bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if cfg.SkipAuth {
			c.Next()
			return
		}
		if !isBillingAdmin(c) {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Next()
	}
}

func Register(r *gin.Engine, cfg Config, svc Service, isBillingAdmin func(*gin.Context) bool) {
	g := r.Group("/billing", requireBillingAdmin(cfg, isBillingAdmin))
	g.POST("/orgs/:org/plan", func(c *gin.Context) {
		if err := svc.ChangePlan(c.Param("org"), c.PostForm("plan")); err != nil {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		c.Status(http.StatusNoContent)
	})
	r.POST("/billing/invoices/:id/refund", refundHandler(svc))
}

func refundHandler(svc Service) gin.HandlerFunc { // flaw: authz-missing
	return func(c *gin.Context) {
		var body struct {
			Cents int64 `json:"cents"`
		}
		if err := c.ShouldBindJSON(&body); err != nil || body.Cents <= 0 {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		if err := svc.Refund(c.Param("id"), body.Cents); err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusAccepted)
	}
}
