"""Account registration controller for the Litestar member portal (argon2id)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from litestar import Controller, Response, get, post
from litestar.exceptions import ClientException
from sqlmodel import Field, Session, SQLModel, select

_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    password_hash: str
    avatar_path: str | None = None


@dataclass
class SignupPayload:
    email: str
    password: str


class SignupController(Controller):
    path = "/signup"

    @post("/")
    async def register(self, data: SignupPayload, db_session: Session) -> dict:
        existing = db_session.exec(select(Member).where(Member.email == data.email)).first()
        if existing:
            raise ClientException("email already registered")
        member = Member(email=data.email.lower(), password_hash=_hasher.hash(data.password))
        db_session.add(member)
        db_session.commit()
        return {"id": member.id}

    @post("/login")
    async def login(self, data: SignupPayload, db_session: Session) -> dict:
        member = db_session.exec(select(Member).where(Member.email == data.email.lower())).first()
        if member is None:
            raise ClientException("invalid credentials")
        try:
            _hasher.verify(member.password_hash, data.password)
        except VerifyMismatchError:
            raise ClientException("invalid credentials")
        if _hasher.check_needs_rehash(member.password_hash):
            member.password_hash = _hasher.hash(data.password)
            db_session.add(member)
            db_session.commit()
        return {"id": member.id}

    @get("/{member_id:int}/avatar")
    async def avatar(self, member_id: int, db_session: Session) -> Response:
        member = db_session.get(Member, member_id)
        body = open(member.avatar_path, "rb").read()
        etag = hashlib.md5(body).hexdigest()  # near-miss: weak-password-hash
        return Response(body, headers={"ETag": etag}, media_type="image/png")
