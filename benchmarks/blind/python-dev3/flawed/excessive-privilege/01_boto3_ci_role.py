"""Provision an IAM role for a new CI pipeline."""
import json

import boto3

iam = boto3.client("iam")


def pipeline_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{bucket}/*"},
            {"Effect": "Allow", "Action": "*", "Resource": "*"},  # flaw: excessive-privilege
        ],
    }


def create_pipeline_role(name: str, bucket: str, trust: dict) -> str:
    role = iam.create_role(RoleName=f"ci-{name}", AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName=f"ci-{name}", PolicyName="pipeline", PolicyDocument=json.dumps(pipeline_policy(bucket)))
    return role["Role"]["Arn"]
