"""Fully remove a human IAM user: keys, certificates, SSH keys, MFA, console, policies."""
from __future__ import annotations

import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger(__name__)
iam = boto3.client("iam")


def _ignore_missing(fn, **kwargs) -> None:
    try:
        fn(**kwargs)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "NoSuchEntity":
            raise


def offboard_iam_user(user_name: str, *, delete: bool = True) -> dict:
    done: dict[str, int] = {}
    _ignore_missing(iam.delete_login_profile, UserName=user_name)

    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    for key in keys:
        iam.update_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
    done["access_keys"] = len(keys)

    ssh = iam.list_ssh_public_keys(UserName=user_name)["SSHPublicKeys"]
    for key in ssh:
        iam.delete_ssh_public_key(UserName=user_name, SSHPublicKeyId=key["SSHPublicKeyId"])
    done["ssh_keys"] = len(ssh)

    certs = iam.list_signing_certificates(UserName=user_name)["Certificates"]
    for cert in certs:
        iam.delete_signing_certificate(UserName=user_name, CertificateId=cert["CertificateId"])
    done["signing_certs"] = len(certs)

    creds = iam.list_service_specific_credentials(UserName=user_name)["ServiceSpecificCredentials"]
    for cred in creds:
        iam.delete_service_specific_credential(UserName=user_name, ServiceSpecificCredentialId=cred["ServiceSpecificCredentialId"])
    done["service_credentials"] = len(creds)

    for device in iam.list_mfa_devices(UserName=user_name)["MFADevices"]:
        iam.deactivate_mfa_device(UserName=user_name, SerialNumber=device["SerialNumber"])
    for group in iam.list_groups_for_user(UserName=user_name)["Groups"]:
        iam.remove_user_from_group(GroupName=group["GroupName"], UserName=user_name)
    for policy in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user_name, PolicyArn=policy["PolicyArn"])
    for name in iam.list_user_policies(UserName=user_name)["PolicyNames"]:
        iam.delete_user_policy(UserName=user_name, PolicyName=name)

    if delete:
        iam.delete_user(UserName=user_name)
    log.info("offboarded IAM user %s: %s", user_name, done)
    return done
