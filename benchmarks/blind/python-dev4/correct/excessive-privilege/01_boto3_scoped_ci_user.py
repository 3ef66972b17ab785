"""Provision per-project CI users in AWS for Moorhen with a narrow inline policy."""
import json

import boto3

iam = boto3.client("iam")
ARTIFACT_BUCKET = "moorhen-artifacts"


def ci_policy(project: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Artifacts",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}/{project}/*",  # near-miss: excessive-privilege
            },
            {
                "Sid": "PushImages",
                "Effect": "Allow",
                "Action": ["ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload",
                           "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"],
                "Resource": f"arn:aws:ecr:*:*:repository/{project}",
            },
            {"Sid": "EcrLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},  # near-miss: excessive-privilege
        ],
    }


def create_ci_user(project: str, owner_email: str) -> str:
    user_name = f"ci-{project}"
    iam.create_user(UserName=user_name, Tags=[{"Key": "owner", "Value": owner_email}])
    iam.put_user_policy(UserName=user_name, PolicyName=f"{user_name}-inline", PolicyDocument=json.dumps(ci_policy(project)))
    return user_name
