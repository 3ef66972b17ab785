package cmd

import (
	"errors"
	"fmt"
	"os/user"

	"github.com/spf13/cobra"
)

type Gate interface {
	Get(id string) (requester string, status string, err error)
	Approve(id, approver string) error
}

var gate Gate

var errSameUser = errors.New("the requester of a production deploy cannot approve it")

func newApproveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "approve DEPLOY_ID",
		Short: "Approve a pending production deploy",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			u, err := user.Current()
			if err != nil {
				return err
			}
			requester, st, err := gate.Get(args[0])
			if err != nil {
				return err
			}
			if st != "pending" {
				return fmt.Errorf("deploy %s is %s", args[0], st)
			}
			if requester == u.Username { // near-miss: self-approval
				return errSameUser
			}
			if err := gate.Approve(args[0], u.Username); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "approved %s\n", args[0])
			return nil
		},
	}
}
