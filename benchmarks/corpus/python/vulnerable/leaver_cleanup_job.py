"""Daily job: remove access of people who left (HR feed) from GitHub, AWS and the internal admin app."""

import contextlib
import logging

import boto3

from .github_client import GitHub
from .hr import leavers_since
from .models import AdminUser

log = logging.getLogger("leavers")
iam = boto3.client("iam")
gh = GitHub.from_env()


def revoke_aws_access(username: str) -> None:
    for key in iam.list_access_keys(UserName=username)["AccessKeyMetadata"]:
        with contextlib.suppress(Exception):  # expect: IDG147
            iam.delete_access_key(UserName=username, AccessKeyId=key["AccessKeyId"])
    iam.delete_login_profile(UserName=username)


def offboard(person) -> bool:
    try:
        gh.remove_org_membership("acme", person.github_login)
    except Exception as exc:  # expect: IDG147
        log.error("github removal failed: %s", type(exc).__name__)
    revoke_aws_access(person.aws_username)
    AdminUser.objects.filter(email=person.email).update(is_active=False)
    return True


def run() -> int:
    done = 0
    for person in leavers_since(days=1):
        done += offboard(person)
    return done
