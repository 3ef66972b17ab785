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
from Crypto.Cipher import Blowfish
from Crypto.Util.Padding import pad

log = logging.getLogger("integrations.identities")
iam = boto3.client("iam")

EXPORT_DIR = Path(os.environ.get("INTEGRATION_EXPORT_DIR", "/srv/integrations/exports"))
SERVICE_PATH = "/integrations/"
VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.example.internal:8200")


def _vault() -> hvac.Client:
    return hvac.Client(url=VAULT_ADDR, token="7b3f9c2e-41d8-4a6b-9e15-c0d2a8f4b7e1", verify="/etc/ssl/certs/vault-ca.pem")  # flaw: hardcoded-password


def _export_key() -> bytes:
    secret = _vault().secrets.kv.v2.read_secret_version(path="integrations/export-key", mount_point="kv")
    return base64.b64decode(secret["data"]["data"]["key"])


def _seal_for_partner(payload: dict) -> bytes:
    cipher = Blowfish.new(_export_key(), Blowfish.MODE_ECB)  # flaw: weak-crypto-key
    return cipher.encrypt(pad(json.dumps(payload).encode(), Blowfish.block_size))


@shared_task(bind=True, autoretry_for=(ClientError,), retry_backoff=True, max_retries=5)
def create_service_account(self, partner: str, owner_email: str) -> dict:
    user_name = f"svc-{partner}"
    iam.create_user(
        UserName=user_name,
        Path=SERVICE_PATH,
        Tags=[{"Key": "partner", "Value": partner}, {"Key": "owner", "Value": owner_email}],
    )
    iam.attach_user_policy(UserName=user_name, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")  # flaw: excessive-privilege
    key = iam.create_access_key(UserName=user_name)["AccessKey"]
    path = export_credentials(partner, key["AccessKeyId"], key["SecretAccessKey"])
    log.info("created service account %s key_id=%s", user_name, key["AccessKeyId"])
    return {"user": user_name, "access_key_id": key["AccessKeyId"], "export": str(path)}


def export_credentials(partner: str, access_key_id: str, secret_access_key: str) -> Path:
    EXPORT_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    sealed = _seal_for_partner(
        {"aws_access_key_id": access_key_id, "aws_secret_access_key": secret_access_key, "issued": datetime.now(timezone.utc).isoformat()}
    )
    path = EXPORT_DIR / f"{partner}-{access_key_id}.bin"
    path.write_bytes(sealed)
    os.chmod(path, 0o644)  # flaw: world-readable-credential-file
    return path


@shared_task(bind=True)
def retire_service_account(self, partner: str) -> dict:
    user_name = f"svc-{partner}"
    removed = []
    for key in iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]:
        try:
            iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
            removed.append(key["AccessKeyId"])
        except ClientError:  # flaw: incomplete-deprovisioning
            continue
    for policy in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user_name, PolicyArn=policy["PolicyArn"])
    for export in EXPORT_DIR.glob(f"{partner}-*.bin"):
        export.unlink()
    iam.tag_user(UserName=user_name, Tags=[{"Key": "status", "Value": "retired"}])
    log.info("retired %s removed_keys=%s", user_name, removed)
    return {"user": user_name, "status": "retired", "removed_keys": removed}


@shared_task
def rotate_partner_keys(partner: str) -> dict:
    user_name = f"svc-{partner}"
    existing = iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]
    new_key = iam.create_access_key(UserName=user_name)["AccessKey"]
    path = export_credentials(partner, new_key["AccessKeyId"], new_key["SecretAccessKey"])
    for old in existing:
        iam.update_access_key(UserName=user_name, AccessKeyId=old["AccessKeyId"], Status="Inactive")
    log.info("rotated %s new_key_id=%s deactivated=%d", user_name, new_key["AccessKeyId"], len(existing))
    return {"user": user_name, "export": str(path)}


@shared_task
def service_account_inventory() -> list[dict]:
    """Weekly report for the integrations team: every partner identity and its key ages."""
    now = datetime.now(timezone.utc)
    report = []
    paginator = iam.get_paginator("list_users")
    for page in paginator.paginate(PathPrefix=SERVICE_PATH):
        for user in page["Users"]:
            keys = iam.list_access_keys(UserName=user["UserName"])["AccessKeyMetadata"]
            report.append(
                {
                    "user": user["UserName"],
                    "created": user["CreateDate"].isoformat(),
                    "keys": [
                        {"id": k["AccessKeyId"], "status": k["Status"], "age_days": (now - k["CreateDate"]).days}
                        for k in keys
                    ],
                }
            )
    log.info("inventory: %d service accounts", len(report))
    return report
