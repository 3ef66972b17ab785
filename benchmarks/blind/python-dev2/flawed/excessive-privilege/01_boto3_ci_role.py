"""Bootstrap the IAM role assumed by the CI pipeline for a new project."""
import json

import boto3

iam = boto3.client("iam")

TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*:ref:refs/heads/main"}},
        }
    ],
}


def _deploy_statement(project: str) -> dict:
    return {"Sid": f"Deploy{project.title()}", "Effect": "Allow", "Action": "*", "Resource": "*"}  # flaw: excessive-privilege


def _artifact_statement(bucket: str) -> dict:
    return {
        "Sid": "Artifacts",
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:PutObject"],
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }


def create_ci_role(project: str, artifact_bucket: str) -> str:
    role_name = f"ci-{project}"
    role = iam.create_role(
        RoleName=role_name,
        AssumeRolePolicyDocument=json.dumps(TRUST_POLICY),
        MaxSessionDuration=3600,
        Tags=[{"Key": "project", "Value": project}],
    )
    policy = {"Version": "2012-10-17", "Statement": [_deploy_statement(project), _artifact_statement(artifact_bucket)]}
    iam.put_role_policy(RoleName=role_name, PolicyName="ci-deploy", PolicyDocument=json.dumps(policy))
    return role["Role"]["Arn"]


if __name__ == "__main__":
    import sys

    print(create_ci_role(sys.argv[1], sys.argv[2]))
