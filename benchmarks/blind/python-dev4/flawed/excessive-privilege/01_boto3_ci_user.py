"""Provision per-project CI users in AWS for the Moorhen build farm."""
import json

import boto3

iam = boto3.client("iam")


def ci_policy(project: str) -> dict:
    statement = {"Sid": "ArtifactsAndDeploy", "Effect": "Allow", "Action": "*", "Resource": "*"}  # flaw: excessive-privilege
    return {"Version": "2012-10-17", "Statement": [statement]}


def create_ci_user(project: str, owner_email: str) -> dict:
    user_name = f"ci-{project}"
    iam.create_user(UserName=user_name, Tags=[{"Key": "owner", "Value": owner_email}, {"Key": "project", "Value": project}])
    iam.put_user_policy(UserName=user_name, PolicyName=f"{user_name}-inline", PolicyDocument=json.dumps(ci_policy(project)))
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    return {"user": user_name, "access_key_id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}


def delete_ci_user(project: str) -> None:
    user_name = f"ci-{project}"
    for key in iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]:
        iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
    iam.delete_user_policy(UserName=user_name, PolicyName=f"{user_name}-inline")
    iam.delete_user(UserName=user_name)


if __name__ == "__main__":
    import sys
    print(create_ci_user(sys.argv[1], sys.argv[2])["user"])
