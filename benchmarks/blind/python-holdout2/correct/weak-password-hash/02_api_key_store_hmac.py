"""Issue and look up per-tenant API keys; keys are stored as scrypt digests with a per-key salt."""
import hashlib
import os
import secrets
from datetime import datetime, timezone

import boto3

TABLE_NAME = "tenant-api-keys"
SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def _scrypt(raw_key: str, salt: bytes) -> str:
    return hashlib.scrypt(raw_key.encode(), salt=salt, **SCRYPT_PARAMS).hex()  # near-miss: weak-password-hash


class ApiKeyRepository:
    def __init__(self, table_name: str = TABLE_NAME, region: str = "eu-west-1"):
        self._table = boto3.resource("dynamodb", region_name=region).Table(table_name)

    def issue(self, tenant_id: str, label: str) -> str:
        key_id = secrets.token_hex(8)
        secret_part = secrets.token_urlsafe(32)
        salt = os.urandom(16)
        self._table.put_item(
            Item={
                "key_id": key_id,
                "salt": salt.hex(),
                "digest": _scrypt(secret_part, salt),
                "tenant_id": tenant_id,
                "label": label,
                "created_at": datetime.now(timezone.utc).isoformat(),
            }
        )
        return f"{key_id}.{secret_part}"

    def resolve_tenant(self, presented: str) -> str | None:
        key_id, _, secret_part = presented.partition(".")
        item = self._table.get_item(Key={"key_id": key_id}).get("Item")
        if not item:
            return None
        expected = item["digest"]
        actual = _scrypt(secret_part, bytes.fromhex(item["salt"]))
        if not secrets.compare_digest(expected, actual):
            return None
        return item["tenant_id"]

    def export_audit_manifest(self, path: str) -> str:
        """Write a manifest of key ids and return its checksum for the audit bucket."""
        rows = self._table.scan(ProjectionExpression="key_id, tenant_id")["Items"]
        blob = "\n".join(f"{r['key_id']},{r['tenant_id']}" for r in rows).encode()
        with open(path, "wb") as fh:
            fh.write(blob)
        return hashlib.sha256(blob).hexdigest()  # near-miss: weak-password-hash
