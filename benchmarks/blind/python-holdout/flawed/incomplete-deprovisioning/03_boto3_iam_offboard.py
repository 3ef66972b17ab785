"""Remove a human IAM user's access when they leave the platform team."""
from __future__ import annotations

import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger(__name__)
iam = boto3.client("iam")


def credential_report(user_name: str) -> dict:
    """Summary used by the quarterly access review."""
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    ssh = iam.list_ssh_public_keys(UserName=user_name)["SSHPublicKeys"]
    mfa = iam.list_mfa_devices(UserName=user_name)["MFADevices"]
    return {
        "access_keys": [k["AccessKeyId"] for k in keys if k["Status"] == "Active"],
        "ssh_keys": [k["SSHPublicKeyId"] for k in ssh],
        "mfa_devices": [m["SerialNumber"] for m in mfa],
    }


def _remove_console_access(user_name: str) -> None:
    try:
        iam.delete_login_profile(UserName=user_name)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "NoSuchEntity":
            raise


def offboard_iam_user(user_name: str) -> None:  # flaw: incomplete-deprovisioning
    _remove_console_access(user_name)

    for group in iam.list_groups_for_user(UserName=user_name)["Groups"]:
        iam.remove_user_from_group(GroupName=group["GroupName"], UserName=user_name)

    for policy in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user_name, PolicyArn=policy["PolicyArn"])

    for name in iam.list_user_policies(UserName=user_name)["PolicyNames"]:
        iam.delete_user_policy(UserName=user_name, PolicyName=name)

    for device in iam.list_mfa_devices(UserName=user_name)["MFADevices"]:
        iam.deactivate_mfa_device(UserName=user_name, SerialNumber=device["SerialNumber"])

    iam.tag_user(UserName=user_name, Tags=[{"Key": "offboarded", "Value": "true"}])
    log.info("offboarded IAM user %s", user_name)
