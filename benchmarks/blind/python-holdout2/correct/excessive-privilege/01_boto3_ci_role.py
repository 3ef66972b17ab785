"""Create the IAM role assumed by the CI runner for a new project."""
import json

import boto3

iam = boto3.client("iam")


def trust_policy(account_id: str, repo: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{account_id}:oidc-provider/token.actions.githubusercontent.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": f"repo:{repo}:ref:refs/heads/main"}},
        }],
    }


def deploy_policy(account_id: str, project: str, region: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"],
         "Resource": f"arn:aws:s3:::artifacts-{project}/*"},  # near-miss: excessive-privilege
        {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"},  # near-miss: excessive-privilege
        {"Effect": "Allow", "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                                       "ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability"],
         "Resource": f"arn:aws:ecr:{region}:{account_id}:repository/{project}"},
        {"Effect": "Allow", "Action": ["ecs:UpdateService", "ecs:DescribeServices"],
         "Resource": f"arn:aws:ecs:{region}:{account_id}:service/{project}/*"},
    ]}


def create_ci_role(account_id: str, project: str, repo: str, region: str = "eu-west-1") -> str:
    role = iam.create_role(RoleName=f"ci-{project}",
                           AssumeRolePolicyDocument=json.dumps(trust_policy(account_id, repo)),
                           PermissionsBoundary=f"arn:aws:iam::{account_id}:policy/ci-boundary")
    iam.put_role_policy(RoleName=f"ci-{project}", PolicyName="deploy",
                        PolicyDocument=json.dumps(deploy_policy(account_id, project, region)))
    return role["Role"]["Arn"]
