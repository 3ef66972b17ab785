package provision

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

type statement struct {
	Effect   string `json:"Effect"`
	Action   any    `json:"Action"`
	Resource any    `json:"Resource"`
}

type policyDoc struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// CreateTenantUser sets up the IAM user the tenant's exporter runs as.
func CreateTenantUser(ctx context.Context, client *iam.Client, tenant, bucket string) error {
	name := "exporter-" + tenant
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	doc := policyDoc{
		Version: "2012-10-17",
		Statement: []statement{{
			Effect:   "Allow",
			Action:   "*", // flaw: excessive-privilege
			Resource: "*",
		}},
	}
	b, _ := json.Marshal(doc)
	_, err := client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName:       aws.String(name),
		PolicyName:     aws.String("exporter"),
		PolicyDocument: aws.String(string(b)),
	})
	return err
}
