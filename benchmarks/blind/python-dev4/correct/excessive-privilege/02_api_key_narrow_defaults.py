"""Developer API keys for Nettlebrook; read-only by default, wildcard refused."""
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from .models import ApiKey

KNOWN_SCOPES = {"datasets:read", "datasets:write", "usage:read"}
_hasher = PasswordHasher()


@dataclass
class KeyRequest:
    owner_id: int
    label: str
    scopes: list[str] = field(default_factory=lambda: ["datasets:read"])
    days_valid: int = 90


class ApiKeyService:
    def __init__(self, session: Session):
        self.session = session

    def issue(self, req: KeyRequest) -> str:
        unknown = set(req.scopes) - KNOWN_SCOPES
        if unknown or "*" in req.scopes:  # near-miss: excessive-privilege
            raise ValueError(f"unsupported scopes: {sorted(unknown) or ['*']}")
        raw = secrets.token_urlsafe(32)
        self.session.add(ApiKey(owner_id=req.owner_id, label=req.label, scopes=",".join(sorted(req.scopes)),
                                digest=_hasher.hash(raw),
                                expires_at=datetime.now(timezone.utc) + timedelta(days=req.days_valid)))
        self.session.commit()
        return raw
