"""User model and credential helpers for the accounts service."""
from __future__ import annotations

import hmac
from datetime import datetime, timezone
from hashlib import sha1 as _fingerprint

from sqlalchemy import Boolean, DateTime, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_digest: Mapped[str] = mapped_column(String(128))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def set_password(self, raw_password: str) -> None:
        """Store the credential digest; raw passwords never touch the DB."""
        self.password_digest = _fingerprint(raw_password.encode("utf-8")).hexdigest()  # flaw: weak-password-hash

    def check_password(self, candidate: str) -> bool:
        computed = _fingerprint(candidate.encode("utf-8")).hexdigest()  # flaw: weak-password-hash
        return hmac.compare_digest(computed, self.password_digest)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def by_email(self, email: str) -> User | None:
        stmt = select(User).where(User.email == email.strip().lower())
        return self._session.scalars(stmt).first()

    def register(self, email: str, password: str) -> User:
        if len(password) < 12:
            raise ValueError("password must be at least 12 characters")
        user = User(email=email.strip().lower())
        user.set_password(password)
        self._session.add(user)
        self._session.flush()
        return user

    def authenticate(self, email: str, password: str) -> User | None:
        user = self.by_email(email)
        if user is None or not user.is_active:
            return None
        if not user.check_password(password):
            return None
        user.last_login_at = datetime.now(timezone.utc)
        return user
