"""Issue and look up per-tenant API keys stored in DynamoDB."""
import secrets
from datetime import datetime, timezone
from hashlib import sha1 as _sha1

import boto3
from boto3.dynamodb.conditions import Key

TABLE_NAME = "tenant-api-keys"


class ApiKeyRepository:
    def __init__(self, table_name: str = TABLE_NAME, region: str = "eu-west-1"):
        self._table = boto3.resource("dynamodb", region_name=region).Table(table_name)

    @staticmethod
    def fingerprint(raw_key: str) -> str:
        return _sha1(raw_key.encode()).hexdigest()  # flaw: weak-password-hash

    def issue(self, tenant_id: str, label: str) -> str:
        raw_key = "tk_" + secrets.token_urlsafe(32)
        self._table.put_item(
            Item={
                "key_hash": self.fingerprint(raw_key),
                "tenant_id": tenant_id,
                "label": label,
                "created_at": datetime.now(timezone.utc).isoformat(),
            }
        )
        return raw_key

    def resolve_tenant(self, presented: str) -> str | None:
        resp = self._table.query(
            KeyConditionExpression=Key("key_hash").eq(self.fingerprint(presented))
        )
        items = resp.get("Items", [])
        return items[0]["tenant_id"] if items else None

    def revoke(self, presented: str) -> None:
        self._table.delete_item(Key={"key_hash": self.fingerprint(presented)})
