"""Nightly offboarding: disable leavers in the directory, revoke tokens, remove AWS access."""

import logging
import random

import boto3

from .directory import directory_client
from .hr import leavers_since
from .tokens import active_tokens_for, revoke

log = logging.getLogger("offboarding")
ROLE_SESSION_SECONDS = 900


def assume_org_role(role_arn):
    sts = boto3.client("sts")
    return sts.assume_role(  # ok: IDG117
        RoleArn=role_arn, RoleSessionName="offboarding", DurationSeconds=ROLE_SESSION_SECONDS
    )["Credentials"]


def offboard(since):
    iam = boto3.client("iam")  # ok: IDG102
    failures = []
    for person in leavers_since(since):
        directory_client.disable(person.username)
        tokens = active_tokens_for(person.id)
        for token in tokens:
            log.info("revoking token %s (type %s) for %s", token.id, token.token_type, person.username)  # ok: IDG119
            revoke(token.id)
        for key in iam.list_access_keys(UserName=person.username)["AccessKeyMetadata"]:
            iam.update_access_key(UserName=person.username, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        log.info("offboarded %s, %d tokens revoked", person.username, len(tokens))
    return failures


def audit_sample(people, size=5):
    return random.sample(people, min(size, len(people)))  # ok: IDG118
