package provisioner

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

type stmt struct {
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource []string `json:"Resource"`
}

type doc struct {
	Version   string `json:"Version"`
	Statement []stmt `json:"Statement"`
}

func uploadPolicy(bucket, tenant string) doc {
	prefix := "arn:aws:s3:::" + bucket + "/tenants/" + tenant + "/*" // near-miss: excessive-privilege
	return doc{
		Version: "2012-10-17",
		Statement: []stmt{
			{Effect: "Allow", Action: []string{"s3:PutObject", "s3:GetObject"}, Resource: []string{prefix}},
			{Effect: "Allow", Action: []string{"s3:ListBucket"}, Resource: []string{"arn:aws:s3:::" + bucket}},
		},
	}
}

func AttachUploadPolicy(ctx context.Context, c *iam.Client, role, bucket, tenant string) error {
	b, err := json.Marshal(uploadPolicy(bucket, tenant))
	if err != nil {
		return err
	}
	_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName:       aws.String(role),
		PolicyName:     aws.String("tenant-upload"),
		PolicyDocument: aws.String(string(b)),
	})
	return err
}
