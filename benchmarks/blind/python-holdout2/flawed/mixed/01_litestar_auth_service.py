"""Authentication service for the Litestar storefront: signup, login, password reset, API tokens."""
from __future__ import annotations

import hashlib
import logging
import os
import random
import string
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
from litestar import Controller, Litestar, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, ValidationException
from litestar.status_codes import HTTP_204_NO_CONTENT
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PasswordReset, User

log = logging.getLogger("storefront.auth")

JWT_SECRET = os.environ["STOREFRONT_JWT_SECRET"]
JWT_ALG = "HS256"
SESSION_COOKIE = "sf_session"
RESET_TTL = timedelta(minutes=30)
SALT_BYTES = 16


@dataclass
class Credentials:
    email: str
    password: str


@dataclass
class ResetRequest:
    email: str


@dataclass
class ResetConfirm:
    email: str
    code: str
    new_password: str


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(SALT_BYTES)
    digest = hashlib.sha256(salt + password.encode()).hexdigest()  # flaw: weak-password-hash
    return f"{salt.hex()}${digest}"


def verify_password(password: str, stored: str) -> bool:
    import hmac
    salt_hex, _, _ = stored.partition("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def _reset_code() -> str:
    return "".join(random.choices(string.digits, k=6))  # flaw: insecure-random-token


def issue_access_token(user: User) -> str:
    now = datetime.now(timezone.utc)
    payload = {"sub": str(user.id), "email": user.email, "iat": now, "exp": now + timedelta(minutes=20)}
    return pyjwt.encode(payload, JWT_SECRET, algorithm=JWT_ALG)


def issue_integration_token(user: User, label: str) -> str:
    payload = {"sub": str(user.id), "typ": "integration", "label": label,
               "iat": datetime.now(timezone.utc)}
    return pyjwt.encode(payload, JWT_SECRET, algorithm=JWT_ALG)  # flaw: token-without-expiry


class AuthController(Controller):
    path = "/auth"

    async def _user_by_email(self, db: AsyncSession, email: str) -> User | None:
        return (await db.execute(select(User).where(User.email == email.lower()))).scalar_one_or_none()

    @post("/signup")
    async def signup(self, data: Credentials, db_session: AsyncSession) -> dict:
        if len(data.password) < 12:
            raise ValidationException("password too short")
        if await self._user_by_email(db_session, data.email):
            raise ValidationException("email already registered")
        user = User(email=data.email.lower(), password_hash=hash_password(data.password))
        db_session.add(user)
        await db_session.commit()
        return {"id": user.id}

    @post("/login")
    async def login(self, data: Credentials, db_session: AsyncSession) -> Response:
        user = await self._user_by_email(db_session, data.email)
        if user is None or not verify_password(data.password, user.password_hash):
            raise NotAuthorizedException("invalid credentials")
        token = issue_access_token(user)
        resp = Response({"id": user.id})
        resp.set_cookie(SESSION_COOKIE, token, httponly=True, max_age=20 * 60)  # flaw: cookie-flags
        return resp

    @post("/reset", status_code=HTTP_204_NO_CONTENT)
    async def request_reset(self, data: ResetRequest, db_session: AsyncSession) -> None:
        user = await self._user_by_email(db_session, data.email)
        if user is None:
            return None
        code = _reset_code()
        db_session.add(PasswordReset(user_id=user.id, code_hash=hash_password(code),
                                     expires_at=datetime.now(timezone.utc) + RESET_TTL))
        await db_session.commit()
        log.info("password reset for %s, code=%s", user.email, code)  # flaw: secret-in-log
        return None

    @post("/reset/confirm", status_code=HTTP_204_NO_CONTENT)
    async def confirm_reset(self, data: ResetConfirm, db_session: AsyncSession) -> None:
        user = await self._user_by_email(db_session, data.email)
        if user is None:
            raise NotAuthorizedException("invalid code")
        reset = (await db_session.execute(
            select(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
            .order_by(PasswordReset.id.desc())
        )).scalars().first()
        if reset is None or reset.expires_at < datetime.now(timezone.utc):
            raise NotAuthorizedException("invalid code")
        if not verify_password(data.code, reset.code_hash):
            raise NotAuthorizedException("invalid code")
        reset.used_at = datetime.now(timezone.utc)
        user.password_hash = hash_password(data.new_password)
        await db_session.commit()
        return None

    @post("/integration-tokens")
    async def integration_token(self, request: Request, db_session: AsyncSession) -> dict:
        claims = pyjwt.decode(request.cookies.get(SESSION_COOKIE, ""), JWT_SECRET, algorithms=[JWT_ALG])
        user = await db_session.get(User, int(claims["sub"]))
        body = await request.json()
        return {"token": issue_integration_token(user, body.get("label", "default"))}

    @get("/me")
    async def me(self, request: Request, db_session: AsyncSession) -> dict:
        try:
            claims = pyjwt.decode(request.cookies.get(SESSION_COOKIE, ""), JWT_SECRET, algorithms=[JWT_ALG])
        except pyjwt.PyJWTError:
            raise NotAuthorizedException("not signed in")
        user = await db_session.get(User, int(claims["sub"]))
        return {"id": user.id, "email": user.email}


app = Litestar(route_handlers=[AuthController])
