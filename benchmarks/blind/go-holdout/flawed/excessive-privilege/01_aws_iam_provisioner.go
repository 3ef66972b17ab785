package provisioner

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

type statement struct {
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

type policyDoc struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// tenantBucketPolicy scopes the tenant's ingestion role to its upload bucket.
func tenantBucketPolicy(bucket string) policyDoc {
	return policyDoc{
		Version: "2012-10-17",
		Statement: []statement{{
			Effect:   "Allow",
			Action:   []string{"s3:*"}, // flaw: excessive-privilege
			Resource: "*", // flaw: excessive-privilege
		}},
	}
}

type Provisioner struct {
	iam *iam.Client
}

func (p *Provisioner) CreateTenantRole(ctx context.Context, tenant, bucket, trustPolicy string) (string, error) {
	name := "tenant-" + tenant + "-ingest"
	out, err := p.iam.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(trustPolicy),
	})
	if err != nil {
		return "", fmt.Errorf("create role: %w", err)
	}
	doc, _ := json.Marshal(tenantBucketPolicy(bucket))
	_, err = p.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName:       aws.String(name),
		PolicyName:     aws.String("ingest"),
		PolicyDocument: aws.String(string(doc)),
	})
	if err != nil {
		return "", fmt.Errorf("put policy: %w", err)
	}
	return aws.ToString(out.Role.Arn), nil
}
