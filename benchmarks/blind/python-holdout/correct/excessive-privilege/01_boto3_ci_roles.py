"""CI deploy role scoped to the repository's own artifact bucket and ECS service."""
from __future__ import annotations

import json

import boto3

iam = boto3.client("iam")
ACCOUNT_ID = boto3.client("sts").get_caller_identity()["Account"]
REGION = boto3.session.Session().region_name or "eu-west-1"


def deploy_policy(service: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["s3:PutObject", "s3:GetObject"],
                "Resource": f"arn:aws:s3:::{service}-artifacts/*",  # near-miss: excessive-privilege
            },
            {
                "Effect": "Allow",
                "Action": ["ecs:UpdateService", "ecs:DescribeServices"],
                "Resource": f"arn:aws:ecs:{REGION}:{ACCOUNT_ID}:service/prod/{service}",
            },
            {
                "Effect": "Allow",
                "Action": ["ecr:GetAuthorizationToken"],
                "Resource": "*",  # near-miss: excessive-privilege
            },
        ],
    }


def attach_deploy_policy(role_name: str, service: str) -> None:
    iam.put_role_policy(RoleName=role_name, PolicyName=f"deploy-{service}", PolicyDocument=json.dumps(deploy_policy(service)))
    iam.put_role_permissions_boundary(
        RoleName=role_name, PermissionsBoundary=f"arn:aws:iam::{ACCOUNT_ID}:policy/ci-boundary"
    )
