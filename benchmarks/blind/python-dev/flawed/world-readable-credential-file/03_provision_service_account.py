"""Celery task that provisions a GCP service-account key for a tenant's worker VM."""
import base64
import json
import os
from pathlib import Path

from celery import shared_task
from google.cloud import iam_admin_v1

SECRETS_ROOT = Path("/srv/tenants")


def _tenant_dir(tenant_id: str) -> Path:
    path = SECRETS_ROOT / tenant_id / "credentials"
    path.mkdir(parents=True, exist_ok=True, mode=0o777)  # flaw: world-readable-credential-file
    return path


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=4)
def provision_sa_key(tenant_id: str, service_account_email: str) -> str:
    client = iam_admin_v1.IAMClient()
    key = client.create_service_account_key(
        name=f"projects/-/serviceAccounts/{service_account_email}",
        private_key_type=iam_admin_v1.ServiceAccountPrivateKeyType.TYPE_GOOGLE_CREDENTIALS_FILE,
    )
    key_json = base64.b64decode(key.private_key_data)
    dest = _tenant_dir(tenant_id) / "service-account.json"
    dest.write_bytes(key_json)
    dest.chmod(0o644)  # flaw: world-readable-credential-file

    meta = {"key_id": key.name.rsplit("/", 1)[-1], "account": service_account_email}
    meta_path = dest.with_name("service-account.meta.json")
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return meta["key_id"]


@shared_task
def remove_sa_key_file(tenant_id: str) -> None:
    dest = SECRETS_ROOT / tenant_id / "credentials" / "service-account.json"
    if dest.exists():
        os.remove(dest)
