"""Bootstrap a least-privilege IAM role for a project's CI pipeline."""
import json

import boto3

iam = boto3.client("iam")
ACCOUNT_ID = boto3.client("sts").get_caller_identity()["Account"]


def deploy_policy(project: str, bucket: str, region: str = "eu-west-1") -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Artifacts",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": f"arn:aws:s3:::{bucket}/{project}/*",  # near-miss: excessive-privilege
            },
            {
                "Sid": "UpdateService",
                "Effect": "Allow",
                "Action": ["ecs:UpdateService", "ecs:DescribeServices", "ecs:RegisterTaskDefinition"],
                "Resource": [
                    f"arn:aws:ecs:{region}:{ACCOUNT_ID}:service/{project}/*",
                    f"arn:aws:ecs:{region}:{ACCOUNT_ID}:task-definition/{project}-*:*",
                ],
            },
            {
                "Sid": "PassTaskRole",
                "Effect": "Allow",
                "Action": "iam:PassRole",
                "Resource": f"arn:aws:iam::{ACCOUNT_ID}:role/{project}-task",
                "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
            },
            {
                "Sid": "ReadOnlyDescribe",
                "Effect": "Allow",
                "Action": ["ecr:GetAuthorizationToken"],
                "Resource": "*",  # near-miss: excessive-privilege
            },
        ],
    }


def create_ci_role(project: str, bucket: str, trust_policy: dict) -> str:
    role_name = f"ci-{project}"
    role = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=json.dumps(trust_policy), MaxSessionDuration=3600)
    iam.put_role_policy(RoleName=role_name, PolicyName="ci-deploy", PolicyDocument=json.dumps(deploy_policy(project, bucket)))
    iam.put_role_permissions_boundary(
        RoleName=role_name, PermissionsBoundary=f"arn:aws:iam::{ACCOUNT_ID}:policy/ci-boundary"
    )
    return role["Role"]["Arn"]
