"""Lifecycle of machine identities for partner integrations: create, export, retire (Celery + boto3 + hvac)."""
from __future__ import annotations

import base64
import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

import boto3
import hvac
from botocore.exceptions import ClientError
from celery import shared_task
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger("integrations.identities")
iam = boto3.client("iam")

EXPORT_DIR = Path(os.environ.get("INTEGRATION_EXPORT_DIR", "/srv/integrations/exports"))
SERVICE_PATH = "/integrations/"
VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.example.internal:8200")
ACCOUNT_ID = os.environ["AWS_ACCOUNT_ID"]


def _vault() -> hvac.Client:
    client = hvac.Client(url=VAULT_ADDR, verify="/etc/ssl/certs/vault-ca.pem")
    client.auth.approle.login(role_id=os.environ["VAULT_ROLE_ID"], secret_id=os.environ["VAULT_SECRET_ID"])  # near-miss: hardcoded-password
    return client


def _export_key() -> bytes:
    secret = _vault().secrets.kv.v2.read_secret_version(path="integrations/export-key", mount_point="kv")
    key = base64.b64decode(secret["data"]["data"]["key"])
    if len(key) != 32:
        raise RuntimeError("export key must be 256-bit")
    return key


def _seal_for_partner(partner: str, payload: dict) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(_export_key()).encrypt(nonce, json.dumps(payload).encode(), partner.encode())


def _partner_policy(partner: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["s3:PutObject"],
                "Resource": f"arn:aws:s3:::partner-dropbox/{partner}/*",
            },
            {
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],
                "Resource": f"arn:aws:sqs:eu-west-1:{ACCOUNT_ID}:partner-{partner}-events",
            },
        ],
    }


@shared_task(bind=True, autoretry_for=(ClientError,), retry_backoff=True, max_retries=5)
def create_service_account(self, partner: str, owner_email: str) -> dict:
    user_name = f"svc-{partner}"
    iam.create_user(UserName=user_name, Path=SERVICE_PATH, Tags=[{"Key": "partner", "Value": partner}, {"Key": "owner", "Value": owner_email}])
    iam.put_user_policy(UserName=user_name, PolicyName="partner-access", PolicyDocument=json.dumps(_partner_policy(partner)))
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    path = export_credentials(partner, key["AccessKeyId"], key["SecretAccessKey"])
    log.info("created service account %s key_id=%s", user_name, key["AccessKeyId"])  # near-miss: secret-in-log
    return {"user": user_name, "access_key_id": key["AccessKeyId"], "export": str(path)}


def export_credentials(partner: str, access_key_id: str, secret_access_key: str) -> Path:
    EXPORT_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    sealed = _seal_for_partner(
        partner,
        {"aws_access_key_id": access_key_id, "aws_secret_access_key": secret_access_key, "issued": datetime.now(timezone.utc).isoformat()},
    )
    path = EXPORT_DIR / f"{partner}-{access_key_id}.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(sealed)
    return path


class RetirementIncomplete(RuntimeError):
    pass


@shared_task(bind=True, autoretry_for=(ClientError,), retry_backoff=True, max_retries=6)
def retire_service_account(self, partner: str) -> dict:
    user_name = f"svc-{partner}"
    keys = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    for key in keys:
        iam.update_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
    for name in iam.list_user_policies(UserName=user_name)["PolicyNames"]:
        iam.delete_user_policy(UserName=user_name, PolicyName=name)
    for policy in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user_name, PolicyArn=policy["PolicyArn"])
    for export in EXPORT_DIR.glob(f"{partner}-*.bin"):
        export.unlink()
    if iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]:
        raise RetirementIncomplete(f"{user_name} still has access keys")
    iam.delete_user(UserName=user_name)
    log.info("retired %s removed_keys=%d", user_name, len(keys))
    return {"user": user_name, "status": "retired", "removed_keys": [k["AccessKeyId"] for k in keys]}


@shared_task
def service_account_inventory() -> list[dict]:
    now = datetime.now(timezone.utc)
    report = []
    for page in iam.get_paginator("list_users").paginate(PathPrefix=SERVICE_PATH):
        for user in page["Users"]:
            keys = iam.list_access_keys(UserName=user["UserName"])["AccessKeyMetadata"]
            report.append({
                "user": user["UserName"],
                "keys": [{"id": k["AccessKeyId"], "status": k["Status"], "age_days": (now - k["CreateDate"]).days} for k in keys],
            })
    return report
