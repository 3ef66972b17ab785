"""Offboard a human IAM user from the legacy AWS account."""
import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("offboard.aws")


class AwsOffboarder:
    def __init__(self, session: boto3.Session | None = None):
        self.iam = (session or boto3.Session()).client("iam")

    def _delete_access_keys(self, user: str) -> int:
        keys = self.iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
        for k in keys:
            self.iam.delete_access_key(UserName=user, AccessKeyId=k["AccessKeyId"])
        return len(keys)

    def _remove_console_login(self, user: str) -> None:
        try:
            self.iam.delete_login_profile(UserName=user)
        except self.iam.exceptions.NoSuchEntityException:
            pass

    def list_ssh_keys(self, user: str) -> list[str]:
        return [k["SSHPublicKeyId"] for k in self.iam.list_ssh_public_keys(UserName=user)["SSHPublicKeys"]]

    def offboard(self, user: str) -> dict:  # flaw: incomplete-deprovisioning
        try:
            self._remove_console_login(user)
            removed = self._delete_access_keys(user)
        except ClientError as exc:
            log.error("offboarding %s hit %s", user, exc.response["Error"]["Code"])
            return {"user": user, "status": "offboarded"}  # flaw: incomplete-deprovisioning
        self.iam.tag_user(UserName=user, Tags=[{"Key": "status", "Value": "offboarded"}])
        return {"user": user, "status": "offboarded", "access_keys_removed": removed}
