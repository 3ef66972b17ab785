"""Developer API keys for the Nettlebrook open-data portal."""
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from .models import ApiKey


@dataclass
class KeyRequest:
    owner_id: int
    label: str
    scopes: list[str] = field(default_factory=lambda: ["*"])  # flaw: excessive-privilege
    days_valid: int = 90


class ApiKeyService:
    def __init__(self, session: Session):
        self.session = session

    def issue(self, req: KeyRequest) -> str:
        raw = secrets.token_urlsafe(32)
        self.session.add(ApiKey(
            owner_id=req.owner_id,
            label=req.label,
            scopes=",".join(req.scopes),
            digest=PasswordHasher().hash(raw),
            expires_at=datetime.now(timezone.utc) + timedelta(days=req.days_valid),
        ))
        self.session.commit()
        return raw


def issue_from_form(session: Session, owner_id: int, form: dict) -> str:
    return ApiKeyService(session).issue(KeyRequest(owner_id=owner_id, label=form.get("label", "default")))
