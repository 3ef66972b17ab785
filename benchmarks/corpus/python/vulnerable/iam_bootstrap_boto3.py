"""Creates the IAM role and inline policy used by the nightly export worker."""

import json

import boto3

iam = boto3.client("iam")

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def export_worker_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:*"], "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]},  # expect: IDG132
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"},  # expect: IDG132
            {"Effect": "Allow", "Action": ["cloudwatch:PutMetricData", "logs:DescribeLogGroups"], "Resource": "*"},  # expect: IDG132
        ],
    }


def create_export_role(bucket: str) -> str:
    role = iam.create_role(RoleName="export-worker", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="export-worker", PolicyName="export", PolicyDocument=json.dumps(export_worker_policy(bucket)))
    iam.attach_role_policy(RoleName="export-worker", PolicyArn="arn:aws:iam::aws:policy/PowerUserAccess")  # expect: IDG133
    return role["Role"]["Arn"]
