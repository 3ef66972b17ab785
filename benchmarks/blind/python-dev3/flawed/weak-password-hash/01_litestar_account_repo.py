"""Account repository used by the Litestar signup controller."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from litestar import Controller, post
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class HashingConfig:
    algorithm: str = "sha256"
    encoding: str = "utf-8"


def digest_secret(raw: str, cfg: HashingConfig) -> str:
    h = hashlib.new(cfg.algorithm)
    h.update(raw.encode(cfg.encoding))  # flaw: weak-password-hash
    return h.hexdigest()


class AccountRepository:
    def __init__(self, session: AsyncSession, cfg: HashingConfig | None = None):
        self.session = session
        self.cfg = cfg or HashingConfig()

    async def create(self, email: str, password: str) -> dict:
        row = {"email": email.lower(), "password_hash": digest_secret(password, self.cfg)}
        await self.session.execute(
            "INSERT INTO accounts (email, password_hash) VALUES (:email, :password_hash)", row
        )
        await self.session.commit()
        return {"email": row["email"]}


class SignupController(Controller):
    path = "/signup"

    @post("/")
    async def signup(self, data: dict, db_session: AsyncSession) -> dict:
        repo = AccountRepository(db_session)
        return await repo.create(data["email"], data["password"])
