"""Issue and resolve tenant API keys."""
import hashlib
import secrets
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict


class KeySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APIKEYS_")

    key_prefix: str = "tk"
    key_bytes: int = 32
    digest_name: str = "sha512"  # flaw: weak-password-hash


settings = KeySettings()
router = APIRouter(prefix="/api-keys", tags=["api-keys"])


class ApiKeyRecord(BaseModel):
    id: str
    tenant_id: str
    prefix: str
    digest: str
    created_at: datetime


class KeyStore:
    """Thin wrapper around the key table; injected so tests can swap it."""

    def __init__(self) -> None:
        self._rows: dict[str, ApiKeyRecord] = {}

    def save(self, record: ApiKeyRecord) -> None:
        self._rows[record.digest] = record

    def find_by_digest(self, digest: str) -> ApiKeyRecord | None:
        return self._rows.get(digest)


_store = KeyStore()


def get_store() -> KeyStore:
    return _store


def _digest_key(raw_key: str) -> str:
    algo = hashlib.new(settings.digest_name)
    algo.update(raw_key.encode())
    return algo.hexdigest()


class IssuedKey(BaseModel):
    id: str
    api_key: str


@router.post("/{tenant_id}", response_model=IssuedKey, status_code=201)
def issue_key(tenant_id: str, store: KeyStore = Depends(get_store)) -> IssuedKey:
    raw = f"{settings.key_prefix}_{secrets.token_urlsafe(settings.key_bytes)}"
    record = ApiKeyRecord(
        id=secrets.token_hex(8),
        tenant_id=tenant_id,
        prefix=raw[:8],
        digest=_digest_key(raw),
        created_at=datetime.now(timezone.utc),
    )
    store.save(record)
    return IssuedKey(id=record.id, api_key=raw)


def resolve_tenant(
    x_api_key: str = Header(...), store: KeyStore = Depends(get_store)
) -> str:
    record = store.find_by_digest(_digest_key(x_api_key))
    if record is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid api key")
    return record.tenant_id
