"""Offboard a human IAM user from the legacy AWS account."""
import logging

import boto3

log = logging.getLogger("offboard.aws")


class AwsOffboarder:
    def __init__(self, session: boto3.Session | None = None):
        self.iam = (session or boto3.Session()).client("iam")

    def _remove_console_login(self, user: str) -> None:
        try:
            self.iam.delete_login_profile(UserName=user)
        except self.iam.exceptions.NoSuchEntityException:  # near-miss: incomplete-deprovisioning
            pass

    def offboard(self, user: str) -> dict:
        iam = self.iam
        self._remove_console_login(user)
        for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            iam.delete_access_key(UserName=user, AccessKeyId=k["AccessKeyId"])
        for k in iam.list_ssh_public_keys(UserName=user)["SSHPublicKeys"]:
            iam.delete_ssh_public_key(UserName=user, SSHPublicKeyId=k["SSHPublicKeyId"])
        for c in iam.list_service_specific_credentials(UserName=user)["ServiceSpecificCredentials"]:
            iam.delete_service_specific_credential(UserName=user,
                                                   ServiceSpecificCredentialId=c["ServiceSpecificCredentialId"])
        for cert in iam.list_signing_certificates(UserName=user)["Certificates"]:
            iam.delete_signing_certificate(UserName=user, CertificateId=cert["CertificateId"])
        for mfa in iam.list_mfa_devices(UserName=user)["MFADevices"]:
            iam.deactivate_mfa_device(UserName=user, SerialNumber=mfa["SerialNumber"])
        for g in iam.list_groups_for_user(UserName=user)["Groups"]:
            iam.remove_user_from_group(GroupName=g["GroupName"], UserName=user)
        for p in iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]:
            iam.detach_user_policy(UserName=user, PolicyArn=p["PolicyArn"])
        for name in iam.list_user_policies(UserName=user)["PolicyNames"]:
            iam.delete_user_policy(UserName=user, PolicyName=name)
        iam.tag_user(UserName=user, Tags=[{"Key": "status", "Value": "offboarded"}])
        log.info("offboarded IAM user %s", user)
        return {"user": user, "status": "offboarded"}
