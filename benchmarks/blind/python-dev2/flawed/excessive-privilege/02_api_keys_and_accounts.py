"""Account and API-key models for the FastAPI developer platform."""
import secrets
from datetime import datetime, timezone

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from .db import get_db
from .security import current_user, hash_key


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="owner")  # flaw: excessive-privilege


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    key_hash: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


DEFAULT_KEY_SCOPES = ["*"]  # flaw: excessive-privilege


class NewKey(BaseModel):
    name: str
    scopes: list[str] | None = Field(default=None, description="Omit to use the default scopes.")


router = APIRouter(prefix="/keys")


@router.post("")
def create_key(body: NewKey, account: Account = Depends(current_user), db: Session = Depends(get_db)) -> dict:
    raw = f"dp_{secrets.token_urlsafe(32)}"
    allowed = set(account_scopes(account))
    scopes = list(DEFAULT_KEY_SCOPES) if body.scopes is None else [s for s in body.scopes if "*" in allowed or s in allowed]
    key = ApiKey(account_id=account.id, key_hash=hash_key(raw), scopes=scopes, created_at=datetime.now(timezone.utc))
    db.add(key)
    db.commit()
    return {"id": key.id, "key": raw, "scopes": scopes}


def account_scopes(account: Account) -> list[str]:
    grants = {"viewer": ["projects:read"], "developer": ["projects:read", "deploys:write"], "owner": ["*"]}
    return grants.get(account.role, [])
