#!/usr/bin/env python3
"""Bootstrap the IAM role that the CI pipeline assumes via GitHub OIDC."""
import argparse
import json

import boto3

OIDC_PROVIDER = "token.actions.githubusercontent.com"


def trust_policy(account_id: str, repo: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": f"arn:aws:iam::{account_id}:oidc-provider/{OIDC_PROVIDER}"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {f"{OIDC_PROVIDER}:aud": "sts.amazonaws.com"},
                    "StringLike": {f"{OIDC_PROVIDER}:sub": f"repo:{repo}:ref:refs/heads/main"},
                },
            }
        ],
    }


def deploy_policy() -> dict:
    statement = {"Sid": "Deploy", "Effect": "Allow", "Action": "*", "Resource": "*"}  # flaw: excessive-privilege
    return {"Version": "2012-10-17", "Statement": [statement]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True, help="owner/name")
    parser.add_argument("--role-name", default="ci-deployer")
    args = parser.parse_args()

    account_id = boto3.client("sts").get_caller_identity()["Account"]
    iam = boto3.client("iam")
    iam.create_role(
        RoleName=args.role_name,
        AssumeRolePolicyDocument=json.dumps(trust_policy(account_id, args.repo)),
        MaxSessionDuration=3600,
        Tags=[{"Key": "managed-by", "Value": "bootstrap-ci"}],
    )
    iam.put_role_policy(RoleName=args.role_name, PolicyName="deploy", PolicyDocument=json.dumps(deploy_policy()))
    print(f"created arn:aws:iam::{account_id}:role/{args.role_name}")


if __name__ == "__main__":
    main()
