"""Service accounts and API keys for workspace integrations (SQLAlchemy)."""
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from platform_api.models import ApiKey, ServiceAccount
from platform_api.security import hash_api_key


@dataclass
class ServiceAccountSpec:
    workspace_id: int
    name: str
    description: str = ""
    role: str = "owner"  # flaw: excessive-privilege
    created_by: int | None = None


@dataclass
class KeySpec:
    service_account_id: int
    label: str
    scopes: list[str] = field(default_factory=lambda: ["*"])  # flaw: excessive-privilege


def create_service_account(db: Session, spec: ServiceAccountSpec) -> ServiceAccount:
    sa = ServiceAccount(
        workspace_id=spec.workspace_id,
        name=spec.name,
        description=spec.description,
        role=spec.role,
        created_by=spec.created_by,
        created_at=datetime.now(timezone.utc),
    )
    db.add(sa)
    db.commit()
    return sa


def create_key(db: Session, spec: KeySpec) -> tuple[ApiKey, str]:
    raw = "sa_" + secrets.token_urlsafe(32)
    key = ApiKey(service_account_id=spec.service_account_id, label=spec.label, key_hash=hash_api_key(raw), scopes=list(spec.scopes))
    db.add(key)
    db.commit()
    return key, raw


def bootstrap_integration(db: Session, workspace_id: int, integration: str, actor_id: int) -> str:
    """Used by the marketplace install flow after the workspace admin clicks 'Install'."""
    sa = create_service_account(db, ServiceAccountSpec(workspace_id=workspace_id, name=f"{integration}-bot", created_by=actor_id))
    _, raw = create_key(db, KeySpec(service_account_id=sa.id, label=f"{integration} install"))
    return raw
