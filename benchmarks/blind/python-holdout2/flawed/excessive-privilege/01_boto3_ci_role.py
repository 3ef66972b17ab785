"""Create the IAM role assumed by the CI runner for a new project."""
import json

import boto3

iam = boto3.client("iam")
DEFAULT_ACTIONS = ["s3:*", "ecr:*", "ecs:*", "iam:*"]


def trust_policy(account_id: str, repo: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{account_id}:oidc-provider/token.actions.githubusercontent.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": f"repo:{repo}:*"}},
        }],
    }


def deploy_policy(actions: list[str] = DEFAULT_ACTIONS) -> dict:
    statement = {"Effect": "Allow", "Action": actions, "Resource": "*"}  # flaw: excessive-privilege
    return {"Version": "2012-10-17", "Statement": [statement]}


def create_ci_role(account_id: str, project: str, repo: str) -> str:
    role = iam.create_role(RoleName=f"ci-{project}",
                           AssumeRolePolicyDocument=json.dumps(trust_policy(account_id, repo)))
    iam.put_role_policy(RoleName=f"ci-{project}", PolicyName="deploy",
                        PolicyDocument=json.dumps(deploy_policy()))
    iam.attach_role_policy(RoleName=f"ci-{project}", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")  # flaw: excessive-privilege
    return role["Role"]["Arn"]
