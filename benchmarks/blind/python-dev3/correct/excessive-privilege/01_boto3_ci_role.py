"""Provision a least-privilege IAM role for a CI pipeline."""
import json

import boto3

iam = boto3.client("iam")


def pipeline_policy(bucket: str, repo_arn: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{bucket}/*"},  # near-miss: excessive-privilege
            {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:PutImage"], "Resource": repo_arn},
        ],
    }


def create_pipeline_role(name: str, bucket: str, repo_arn: str, trust: dict) -> str:
    role = iam.create_role(RoleName=f"ci-{name}", AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName=f"ci-{name}", PolicyName="pipeline", PolicyDocument=json.dumps(pipeline_policy(bucket, repo_arn)))
    return role["Role"]["Arn"]
