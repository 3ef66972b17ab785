"""Account repository with argon2id hashing."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from litestar import Controller, get, post


@dataclass
class HashingConfig:
    time_cost: int = 3
    memory_cost: int = 65536
    hasher: PasswordHasher = field(init=False)

    def __post_init__(self):
        self.hasher = PasswordHasher(time_cost=self.time_cost, memory_cost=self.memory_cost)


class AccountRepository:
    def __init__(self, session, cfg: HashingConfig | None = None):
        self.session = session
        self.cfg = cfg or HashingConfig()

    async def create(self, email: str, password: str) -> dict:
        row = {"email": email.lower(), "password_hash": self.cfg.hasher.hash(password)}
        await self.session.execute("INSERT INTO accounts (email, password_hash) VALUES (:email, :password_hash)", row)
        return {"email": row["email"]}


def avatar_etag(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()  # near-miss: weak-password-hash


class ProfileController(Controller):
    path = "/profile"

    @post("/")
    async def signup(self, data: dict, db_session) -> dict:
        return await AccountRepository(db_session).create(data["email"], data["password"])

    @get("/avatar/{uid:int}")
    async def avatar(self, uid: int, db_session) -> dict:
        blob = b"..."
        return {"etag": avatar_etag(blob)}
