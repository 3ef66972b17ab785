"""Remove a departing engineer's IAM user access, every credential type included."""
import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("iam-offboard")


class IamOffboarder:
    def __init__(self, session: boto3.Session | None = None) -> None:
        self.iam = (session or boto3.Session()).client("iam")

    def _ignore_missing(self, fn, **kwargs) -> None:
        try:
            fn(**kwargs)
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "NoSuchEntity":  # near-miss: incomplete-deprovisioning
                raise

    def offboard(self, user: str) -> dict:
        iam = self.iam
        self._ignore_missing(iam.delete_login_profile, UserName=user)
        removed = {"access_keys": 0, "ssh_keys": 0, "service_credentials": 0, "mfa": 0, "certs": 0, "groups": 0}
        for key in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
            removed["access_keys"] += 1
        for key in iam.list_ssh_public_keys(UserName=user)["SSHPublicKeys"]:
            iam.delete_ssh_public_key(UserName=user, SSHPublicKeyId=key["SSHPublicKeyId"])
            removed["ssh_keys"] += 1
        for cred in iam.list_service_specific_credentials(UserName=user)["ServiceSpecificCredentials"]:
            iam.delete_service_specific_credential(UserName=user, ServiceSpecificCredentialId=cred["ServiceSpecificCredentialId"])
            removed["service_credentials"] += 1
        for cert in iam.list_signing_certificates(UserName=user)["Certificates"]:
            iam.delete_signing_certificate(UserName=user, CertificateId=cert["CertificateId"])
            removed["certs"] += 1
        for device in iam.list_mfa_devices(UserName=user)["MFADevices"]:
            iam.deactivate_mfa_device(UserName=user, SerialNumber=device["SerialNumber"])
            removed["mfa"] += 1
        for group in iam.list_groups_for_user(UserName=user)["Groups"]:
            iam.remove_user_from_group(GroupName=group["GroupName"], UserName=user)
            removed["groups"] += 1
        for policy in iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]:
            iam.detach_user_policy(UserName=user, PolicyArn=policy["PolicyArn"])
        for name in iam.list_user_policies(UserName=user)["PolicyNames"]:
            iam.delete_user_policy(UserName=user, PolicyName=name)
        iam.tag_user(UserName=user, Tags=[{"Key": "status", "Value": "offboarded"}])
        log.info("offboarded IAM user %s: %s", user, removed)
        return {"user": user, "status": "offboarded", **removed}
