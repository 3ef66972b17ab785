"""Service accounts default to read-only; broader scopes must be requested explicitly."""
import secrets
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from platform_api.models import ApiKey, ServiceAccount
from platform_api.security import hash_api_key

READ_ONLY_SCOPES = ("projects:read", "issues:read")
INTEGRATION_SCOPES = {
    "slack": ("issues:read", "comments:write"),
    "ci": ("projects:read", "statuses:write"),
}


@dataclass
class ServiceAccountSpec:
    workspace_id: int
    name: str
    role: str = "viewer"  # near-miss: excessive-privilege
    created_by: int | None = None


@dataclass
class KeySpec:
    service_account_id: int
    label: str
    scopes: list[str] = field(default_factory=lambda: list(READ_ONLY_SCOPES))  # near-miss: excessive-privilege


def bootstrap_integration(db: Session, workspace_id: int, integration: str, actor_id: int) -> str:
    scopes = INTEGRATION_SCOPES.get(integration, READ_ONLY_SCOPES)
    sa = ServiceAccount(workspace_id=workspace_id, name=f"{integration}-bot", role="integration", created_by=actor_id)
    db.add(sa)
    db.flush()
    raw = "sa_" + secrets.token_urlsafe(32)
    db.add(ApiKey(service_account_id=sa.id, label=f"{integration} install", key_hash=hash_api_key(raw), scopes=list(scopes)))
    db.commit()
    return raw
