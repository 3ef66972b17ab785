"""Authentication service for the Litestar storefront: signup, login, password reset, API tokens."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
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
INTEGRATION_TTL = timedelta(hours=8)
_ph = PasswordHasher()


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


def hash_password(password: str) -> str:
    return _ph.hash(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        return _ph.verify(stored, password)
    except VerificationError:
        return False


def _reset_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _code_digest(code: str) -> str:
    # reset codes are short-lived and single-use; keyed HMAC keeps them out of the DB in clear
    return hmac.new(JWT_SECRET.encode(), code.encode(), hashlib.sha256).hexdigest()  # near-miss: weak-password-hash


def _token(user: User, ttl: timedelta, **extra) -> str:
    now = datetime.now(timezone.utc)
    payload = {"sub": str(user.id), "iat": now, "exp": now + ttl, **extra}  # near-miss: token-without-expiry
    return pyjwt.encode(payload, JWT_SECRET, algorithm=JWT_ALG)


def _claims(request: Request) -> dict:
    try:
        return pyjwt.decode(request.cookies.get(SESSION_COOKIE, ""), JWT_SECRET, algorithms=[JWT_ALG])
    except pyjwt.PyJWTError:
        raise NotAuthorizedException("not signed in")


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
        resp = Response({"id": user.id})
        resp.set_cookie(SESSION_COOKIE, _token(user, timedelta(minutes=20)), httponly=True,
                        secure=True, samesite="lax", max_age=20 * 60)
        return resp

    @post("/reset", status_code=HTTP_204_NO_CONTENT)
    async def request_reset(self, data: ResetRequest, db_session: AsyncSession) -> None:
        user = await self._user_by_email(db_session, data.email)
        if user is None:
            return None
        code = _reset_code()
        db_session.add(PasswordReset(user_id=user.id, code_hash=_code_digest(code),
                                     expires_at=datetime.now(timezone.utc) + RESET_TTL))
        await db_session.commit()
        await user.notify_sms(f"Your reset code is {code}")
        log.info("password reset requested for user_id=%s", user.id)  # near-miss: secret-in-log
        return None

    @post("/reset/confirm", status_code=HTTP_204_NO_CONTENT)
    async def confirm_reset(self, data: ResetConfirm, db_session: AsyncSession) -> None:
        user = await self._user_by_email(db_session, data.email)
        if user is None:
            raise NotAuthorizedException("invalid code")
        reset = (await db_session.execute(
            select(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
            .order_by(PasswordReset.id.desc()).with_for_update()
        )).scalars().first()
        if reset is None or reset.expires_at < datetime.now(timezone.utc):
            raise NotAuthorizedException("invalid code")
        if not hmac.compare_digest(_code_digest(data.code), reset.code_hash):
            raise NotAuthorizedException("invalid code")
        reset.used_at = datetime.now(timezone.utc)
        user.password_hash = hash_password(data.new_password)
        await db_session.commit()
        return None

    @post("/integration-tokens")
    async def integration_token(self, request: Request, db_session: AsyncSession) -> dict:
        user = await db_session.get(User, int(_claims(request)["sub"]))
        body = await request.json()
        return {"token": _token(user, INTEGRATION_TTL, typ="integration", label=body.get("label", "default")),
                "expires_in": int(INTEGRATION_TTL.total_seconds())}

    @get("/me")
    async def me(self, request: Request, db_session: AsyncSession) -> dict:
        user = await db_session.get(User, int(_claims(request)["sub"]))
        return {"id": user.id, "email": user.email}


app = Litestar(route_handlers=[AuthController])
