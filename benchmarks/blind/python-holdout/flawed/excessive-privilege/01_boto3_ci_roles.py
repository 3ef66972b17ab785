"""Create the IAM role that a new repository's CI pipeline assumes via OIDC."""
from __future__ import annotations

import json

import boto3

iam = boto3.client("iam")
ACCOUNT_ID = boto3.client("sts").get_caller_identity()["Account"]
OIDC_PROVIDER = "token.actions.githubusercontent.com"


def _trust_policy(repo: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{OIDC_PROVIDER}"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {f"{OIDC_PROVIDER}:aud": "sts.amazonaws.com"},
                    "StringLike": {f"{OIDC_PROVIDER}:sub": f"repo:{repo}:ref:refs/heads/main"},
                },
            }
        ],
    }


def _deploy_policy(repo: str) -> dict:
    bucket = repo.split("/")[-1].lower()
    artifacts = {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": f"arn:aws:s3:::{bucket}-artifacts/*"}
    deploy = {"Effect": "Allow", "Action": "*", "Resource": "*"}  # flaw: excessive-privilege
    return {"Version": "2012-10-17", "Statement": [artifacts, deploy]}


def create_ci_role(repo: str) -> str:
    name = "ci-" + repo.replace("/", "-")[:58]
    role = iam.create_role(
        RoleName=name,
        AssumeRolePolicyDocument=json.dumps(_trust_policy(repo)),
        MaxSessionDuration=3600,
        Tags=[{"Key": "repo", "Value": repo}],
    )
    iam.put_role_policy(RoleName=name, PolicyName="deploy", PolicyDocument=json.dumps(_deploy_policy(repo)))
    return role["Role"]["Arn"]
