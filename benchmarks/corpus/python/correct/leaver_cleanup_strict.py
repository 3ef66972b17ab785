"""Daily job: remove access of people who left; any failure keeps the person on the retry list and pages IT."""

import logging

import boto3

from .github_client import GitHub, NotFound
from .hr import leavers_since
from .models import AdminUser, OffboardingFailure
from .paging import page_it

log = logging.getLogger("leavers")
iam = boto3.client("iam")
gh = GitHub.from_env()


def revoke_aws_access(username: str) -> None:
    for key in iam.list_access_keys(UserName=username)["AccessKeyMetadata"]:
        iam.delete_access_key(UserName=username, AccessKeyId=key["AccessKeyId"])
    try:
        iam.delete_login_profile(UserName=username)
    except iam.exceptions.NoSuchEntityException:  # ok: IDG147
        pass


def offboard(person) -> bool:
    problems = []
    try:
        gh.remove_org_membership("acme", person.github_login)
    except NotFound:  # ok: IDG147
        pass
    except Exception as exc:  # ok: IDG147
        problems.append(("github", type(exc).__name__))
    try:
        revoke_aws_access(person.aws_username)
    except Exception as exc:  # ok: IDG147
        problems.append(("aws", type(exc).__name__))
    AdminUser.objects.filter(email=person.email).update(is_active=False)
    AdminUser.sessions_for(person.email).delete()
    if problems:
        OffboardingFailure.objects.create(email=person.email, problems=problems)
        page_it(f"offboarding incomplete for {person.email}: {problems}")
        return False
    return True
