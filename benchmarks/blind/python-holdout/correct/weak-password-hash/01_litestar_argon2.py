"""Signup/login handlers for the community site (Litestar + passlib)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from litestar import Litestar, post, get
from litestar.exceptions import NotAuthorizedException
from passlib.context import CryptContext

from community.repo import UserRepository

pwd_context = CryptContext(schemes=["argon2", "bcrypt"], deprecated="auto")


@dataclass
class Signup:
    email: str
    password: str
    display_name: str


@dataclass
class Login:
    email: str
    password: str


def gravatar_url(email: str, size: int = 80) -> str:
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()  # near-miss: weak-password-hash
    return f"https://www.gravatar.com/avatar/{digest}?s={size}&d=identicon"


@post("/signup")
async def signup(data: Signup, users: UserRepository) -> dict:
    password_hash = pwd_context.hash(data.password)
    user = await users.create(email=data.email.lower(), display_name=data.display_name, password_hash=password_hash)
    return {"id": user.id, "avatar": gravatar_url(user.email)}


@post("/login")
async def login(data: Login, users: UserRepository) -> dict:
    user = await users.by_email(data.email.lower())
    if user is None:
        pwd_context.dummy_verify()
        raise NotAuthorizedException()
    ok, new_hash = pwd_context.verify_and_update(data.password, user.password_hash)
    if not ok:
        raise NotAuthorizedException()
    if new_hash:
        await users.update_password_hash(user.id, new_hash)
    return {"id": user.id}


@get("/users/{user_id:int}/avatar")
async def avatar(user_id: int, users: UserRepository) -> dict:
    user = await users.get(user_id)
    return {"url": gravatar_url(user.email)}


app = Litestar(route_handlers=[signup, login, avatar])
