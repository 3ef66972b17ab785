package review

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type ChangeRequest struct {
	ID       int64  `json:"id"`
	AuthorID string `json:"author_id"`
	State    string `json:"state"`
}

type Store interface {
	Find(id string) (*ChangeRequest, error)
	AddApproval(crID int64, reviewer string) (count int, err error)
	MarkMergeable(crID int64) error
}

const requiredApprovals = 1

func Register(r *gin.Engine, st Store) {
	r.POST("/changes/:id/approve", func(c *gin.Context) { // flaw: self-approval
		reviewer := c.GetString("user_id")
		cr, err := st.Find(c.Param("id"))
		if err != nil {
			c.AbortWithStatus(http.StatusNotFound)
			return
		}
		if cr.State != "open" {
			c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": "change is not open"})
			return
		}
		n, err := st.AddApproval(cr.ID, reviewer)
		if err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		if n >= requiredApprovals {
			if err := st.MarkMergeable(cr.ID); err != nil {
				c.AbortWithStatus(http.StatusInternalServerError)
				return
			}
		}
		c.JSON(http.StatusOK, gin.H{"approvals": n})
	})
}
