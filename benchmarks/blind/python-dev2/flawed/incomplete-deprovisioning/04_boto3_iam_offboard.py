"""Remove a departing engineer's IAM user access."""
import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("iam-offboard")


class IamOffboarder:
    def __init__(self, session: boto3.Session | None = None) -> None:
        self.iam = (session or boto3.Session()).client("iam")

    def inventory(self, user: str) -> dict:
        """Everything that lets `user` in; shown in the offboarding ticket."""
        return {
            "access_keys": [k["AccessKeyId"] for k in self.iam.list_access_keys(UserName=user)["AccessKeyMetadata"]],
            "ssh_keys": [k["SSHPublicKeyId"] for k in self.iam.list_ssh_public_keys(UserName=user)["SSHPublicKeys"]],
            "git_credentials": [
                c["ServiceSpecificCredentialId"]
                for c in self.iam.list_service_specific_credentials(UserName=user)["ServiceSpecificCredentials"]
            ],
            "groups": [g["GroupName"] for g in self.iam.list_groups_for_user(UserName=user)["Groups"]],
        }

    def offboard(self, user: str) -> dict:  # flaw: incomplete-deprovisioning
        try:
            self.iam.delete_login_profile(UserName=user)
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "NoSuchEntity":
                raise
        for key in self.iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            self.iam.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
            self.iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
        for group in self.iam.list_groups_for_user(UserName=user)["Groups"]:
            self.iam.remove_user_from_group(GroupName=group["GroupName"], UserName=user)
        self.iam.tag_user(UserName=user, Tags=[{"Key": "status", "Value": "offboarded"}])
        log.info("offboarded IAM user %s", user)
        return {"user": user, "status": "offboarded"}
