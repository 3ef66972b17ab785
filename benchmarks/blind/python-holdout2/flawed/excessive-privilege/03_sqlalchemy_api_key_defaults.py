"""API key and user models for the developer platform (SQLAlchemy 2.0)."""
import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DEFAULT_KEY_SCOPES = ["*"]


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    role: Mapped[str] = mapped_column(String(32), default="owner")  # flaw: excessive-privilege


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    prefix: Mapped[str] = mapped_column(String(12), index=True)
    secret_hash: Mapped[str] = mapped_column(String(255))
    scopes: Mapped[list] = mapped_column(JSON, default=lambda: list(DEFAULT_KEY_SCOPES))  # flaw: excessive-privilege
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 default=lambda: datetime.now(timezone.utc))


def new_key(session, user: User, hasher, scopes: list[str] | None = None) -> str:
    raw = secrets.token_urlsafe(32)
    key = ApiKey(user_id=user.id, prefix=raw[:8], secret_hash=hasher.hash(raw))
    if scopes:
        key.scopes = scopes
    session.add(key)
    return raw
