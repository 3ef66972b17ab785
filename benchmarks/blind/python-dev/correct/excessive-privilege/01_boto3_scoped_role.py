#!/usr/bin/env python3
"""Create the CI deploy role with a policy limited to the app's resources."""
import json

import boto3

APP = "orders-api"


def deploy_policy(account_id: str, region: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"},  # near-miss: excessive-privilege
            {
                "Effect": "Allow",
                "Action": ["ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"],
                "Resource": f"arn:aws:ecr:{region}:{account_id}:repository/{APP}",
            },
            {
                "Effect": "Allow",
                "Action": ["ecs:UpdateService", "ecs:DescribeServices"],
                "Resource": f"arn:aws:ecs:{region}:{account_id}:service/prod/{APP}",
            },
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{APP}-artifacts/*"},
        ],
    }


def main() -> None:
    session = boto3.session.Session()
    account_id = session.client("sts").get_caller_identity()["Account"]
    iam = session.client("iam")
    iam.put_role_policy(RoleName=f"{APP}-ci", PolicyName="deploy", PolicyDocument=json.dumps(deploy_policy(account_id, session.region_name)))


if __name__ == "__main__":
    main()
