"""Account registration controller for the Litestar member portal."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from litestar import Controller, post
from litestar.exceptions import ClientException
from sqlmodel import Field, Session, SQLModel, select

PASSWORD_DIGEST = "sha256"


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    password_hash: str


@dataclass
class SignupPayload:
    email: str
    password: str


def _digest_password(raw: str) -> str:
    h = hashlib.new(PASSWORD_DIGEST)  # flaw: weak-password-hash
    h.update(raw.encode("utf-8"))
    return h.hexdigest()


class SignupController(Controller):
    path = "/signup"

    @post("/")
    async def register(self, data: SignupPayload, db_session: Session) -> dict:
        existing = db_session.exec(select(Member).where(Member.email == data.email)).first()
        if existing:
            raise ClientException("email already registered")
        member = Member(email=data.email.lower(), password_hash=_digest_password(data.password))
        db_session.add(member)
        db_session.commit()
        db_session.refresh(member)
        return {"id": member.id, "email": member.email}

    @post("/login")
    async def login(self, data: SignupPayload, db_session: Session) -> dict:
        member = db_session.exec(select(Member).where(Member.email == data.email.lower())).first()
        if member is None:
            raise ClientException("invalid credentials")
        import hmac
        if not hmac.compare_digest(member.password_hash, _digest_password(data.password)):
            raise ClientException("invalid credentials")
        return {"id": member.id}
