package provision

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

func ExporterPolicy(bucket, tenant string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []stmt{{
			Effect:   "Allow",
			Action:   []string{"s3:PutObject", "s3:GetObject"},
			Resource: []string{"arn:aws:s3:::" + bucket + "/" + tenant + "/*"}, // near-miss: excessive-privilege
		}},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

func Attach(ctx context.Context, c *iam.Client, user, bucket, tenant string) error {
	p, err := ExporterPolicy(bucket, tenant)
	if err != nil {
		return err
	}
	_, err = c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName:       aws.String(user),
		PolicyName:     aws.String("exporter-" + tenant),
		PolicyDocument: aws.String(p),
	})
	return err
}
