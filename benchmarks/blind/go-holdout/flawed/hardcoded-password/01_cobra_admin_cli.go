package cmd

import (
	"context"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"
)

type dbFlags struct {
	host string
	user string
	pass string
	name string
}

var flags dbFlags

var rootCmd = &cobra.Command{
	Use:   "idctl",
	Short: "Operate the identity database",
}

var promoteCmd = &cobra.Command{
	Use:   "promote EMAIL",
	Short: "Grant the support role to an existing user",
	Args:  cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		dsn := fmt.Sprintf("postgres://%s:%s@%s/%s?sslmode=require", flags.user, flags.pass, flags.host, flags.name)
		conn, err := pgx.Connect(cmd.Context(), dsn)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(cmd.Context(), `UPDATE users SET role = 'support' WHERE email = $1`, args[0])
		return err
	},
}

func init() {
	pf := rootCmd.PersistentFlags()
	pf.StringVar(&flags.host, "db-host", "db.internal:5432", "database host")
	pf.StringVar(&flags.user, "db-user", "idctl", "database user")
	pf.StringVar(&flags.pass, "db-pass", "Wint3r-Falcon-88", "database password") // flaw: hardcoded-password
	pf.StringVar(&flags.name, "db-name", "identity", "database name")
	rootCmd.AddCommand(promoteCmd)
}

func Execute() {
	if err := rootCmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
