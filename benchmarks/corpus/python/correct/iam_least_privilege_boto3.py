"""Creates the IAM role and inline policy for the nightly export worker, scoped to its bucket and key."""

import json

import boto3

iam = boto3.client("iam")

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
DENY_INSECURE_TRANSPORT = {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}  # ok: IDG132


def export_worker_policy(bucket: str, key_arn: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": f"arn:aws:s3:::{bucket}/exports/*"},  # ok: IDG132
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey"], "Resource": key_arn},
            {"Effect": "Allow", "Action": ["ec2:DescribeRegions", "sts:GetCallerIdentity"], "Resource": "*"},  # ok: IDG132
            DENY_INSECURE_TRANSPORT,
        ],
    }


def create_export_role(bucket: str, key_arn: str) -> str:
    role = iam.create_role(RoleName="export-worker", AssumeRolePolicyDocument=json.dumps(TRUST), MaxSessionDuration=3600)
    iam.put_role_policy(RoleName="export-worker", PolicyName="export", PolicyDocument=json.dumps(export_worker_policy(bucket, key_arn)))
    iam.attach_role_policy(RoleName="export-worker", PolicyArn="arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy")  # ok: IDG133
    return role["Role"]["Arn"]


def audit_admin_attachments() -> list[str]:
    flagged = []
    for policy in iam.list_entities_for_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")["PolicyRoles"]:
        flagged.append(policy["RoleName"])
    return flagged
