"""API session records and signed export URLs for the SQLAlchemy backend."""
import hashlib
import hmac
import secrets
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from reports.config import EXPORT_SIGNING_KEY
from reports.db import Base
from reports.security import hash_token


class ApiSession(Base):
    __tablename__ = "api_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def open_api_session(db: Session, user_id: int) -> str:
    raw = secrets.token_urlsafe(32)
    now = datetime.now(timezone.utc)
    db.add(
        ApiSession(
            user_id=user_id,
            token_hash=hash_token(raw),
            created_at=now,
            expires_at=now + timedelta(days=730),  # flaw: token-without-expiry
        )
    )
    db.commit()
    return raw


def signed_export_url(base_url: str, report_id: int, user_id: int, ttl_seconds: int = 86400 * 180) -> str:  # flaw: token-without-expiry
    expires = int(time.time()) + ttl_seconds
    params = {"report": report_id, "user": user_id, "expires": expires}
    msg = f"{report_id}:{user_id}:{expires}".encode()
    params["sig"] = hmac.new(EXPORT_SIGNING_KEY, msg, hashlib.sha256).hexdigest()
    return f"{base_url}?{urlencode(params)}"


def check_export_signature(report_id: int, user_id: int, expires: int, sig: str) -> bool:
    if expires < time.time():
        return False
    msg = f"{report_id}:{user_id}:{expires}".encode()
    expected = hmac.new(EXPORT_SIGNING_KEY, msg, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)
