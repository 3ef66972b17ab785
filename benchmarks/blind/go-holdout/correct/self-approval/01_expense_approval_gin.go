package expenses

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Expense struct {
	ID          string
	SubmitterID string
	Amount      int64
	Status      string
	ApprovedBy  string
}

type Repo interface {
	Find(id string) (*Expense, error)
	MarkApproved(id, approver string) error
}

var (
	errSelf    = errors.New("cannot approve your own expense")
	errPending = errors.New("expense is not pending")
)

func checkApprover(approver string, e *Expense) error {
	if approver == e.SubmitterID { // near-miss: self-approval
		return errSelf
	}
	if e.Status != "submitted" {
		return errPending
	}
	return nil
}

func Approve(repo Repo) gin.HandlerFunc {
	return func(c *gin.Context) { // near-miss: self-approval
		approver := c.GetString("user_id")
		if !c.GetBool("is_finance") {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		e, err := repo.Find(c.Param("id"))
		if err != nil {
			c.AbortWithStatus(http.StatusNotFound)
			return
		}
		if err := checkApprover(approver, e); err != nil {
			c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": err.Error()})
			return
		}
		if err := repo.MarkApproved(e.ID, approver); err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusNoContent)
	}
}
