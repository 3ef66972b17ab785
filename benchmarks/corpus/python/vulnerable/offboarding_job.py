"""Nightly offboarding: disable leavers in the directory, revoke tokens, remove AWS access."""

import logging

import boto3

from .directory import directory_client
from .hr import leavers_since
from .tokens import active_tokens_for, revoke

log = logging.getLogger("offboarding")

iam = boto3.client(
    "iam",
    aws_access_key_id="OFFBOARDING-JOB-KEY-ID",
    aws_secret_access_key="offboarding-job-static-secret",  # expect: IDG102
)


def assume_org_role(role_arn):
    sts = boto3.client("sts")
    return sts.assume_role(RoleArn=role_arn, RoleSessionName="offboarding", DurationSeconds=43200)["Credentials"]  # expect: IDG117


def offboard(since):
    for person in leavers_since(since):
        directory_client.disable(person.username)
        for token in active_tokens_for(person.id):
            log.info("revoking token %s for %s", token.access_token, person.username)  # expect: IDG119
            revoke(token.id)
        for key in iam.list_access_keys(UserName=person.username)["AccessKeyMetadata"]:
            iam.update_access_key(UserName=person.username, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        log.info("offboarded %s", person.username)
