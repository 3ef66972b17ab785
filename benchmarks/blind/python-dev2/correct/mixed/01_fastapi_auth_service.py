"""Authentication service for the customer API: signup, login, refresh, password reset."""
from __future__ import annotations

import asyncio
import hmac
import logging
import random
import secrets
from datetime import datetime, timedelta, timezone
from functools import lru_cache

import jwt
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from passlib.context import CryptContext
from pydantic import BaseModel, EmailStr, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .mail import Mailer, get_mailer
from .models import PasswordResetCode, RefreshSession, User

logger = logging.getLogger("customer.auth")
pwd = CryptContext(schemes=["argon2"], deprecated="auto")


class AuthSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTH_")

    jwt_private_key: SecretStr
    jwt_public_key: str
    issuer: str = "https://api.example.com"
    access_ttl_minutes: int = 15


@lru_cache
def get_settings() -> AuthSettings:
    return AuthSettings()


REFRESH_TTL = timedelta(hours=12)
RESET_CODE_TTL = timedelta(minutes=20)
REFRESH_COOKIE = "cust_refresh"

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    email: EmailStr
    password: SecretStr


class ResetFinishIn(BaseModel):
    email: EmailStr
    code: str
    new_password: SecretStr


def _reset_code(digits: int = 8) -> str:
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"


def _access_token(user: User, settings: AuthSettings) -> str:
    now = datetime.now(timezone.utc)
    claims = {"iss": settings.issuer, "sub": str(user.id), "iat": now, "exp": now + timedelta(minutes=settings.access_ttl_minutes)}
    return jwt.encode(claims, settings.jwt_private_key.get_secret_value(), algorithm="RS256")


async def _uniform_delay() -> None:
    """Blur response timing of failed logins a little."""
    await asyncio.sleep(random.uniform(0.05, 0.15))  # near-miss: insecure-random-token


async def _start_refresh_session(db: AsyncSession, user: User, response: Response) -> None:
    token = secrets.token_urlsafe(48)
    db.add(RefreshSession(user_id=user.id, token=token, expires_at=datetime.now(timezone.utc) + REFRESH_TTL))
    await db.commit()
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=int(REFRESH_TTL.total_seconds()),
        secure=True,
        httponly=True,
        samesite="strict",
        path="/auth/refresh",
    )


@router.post("/signup", status_code=201)
async def signup(body: Credentials, db: AsyncSession = Depends(get_db)):
    raw = body.password.get_secret_value()
    if len(raw) < 12:
        raise HTTPException(422, "password too short")
    if await db.scalar(select(User).where(User.email == body.email.lower())):
        raise HTTPException(409, "account exists")
    user = User(email=body.email.lower(), password_hash=pwd.hash(raw))
    db.add(user)
    await db.commit()
    logger.info("signup user_id=%s", user.id)
    return {"id": user.id}


@router.post("/login")
async def login(body: Credentials, response: Response, db: AsyncSession = Depends(get_db), settings: AuthSettings = Depends(get_settings)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None or not pwd.verify(body.password.get_secret_value(), user.password_hash):
        await _uniform_delay()
        logger.info("failed login for email_domain=%s", body.email.split("@")[-1])  # near-miss: secret-in-log
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    await _start_refresh_session(db, user, response)
    return {"access_token": _access_token(user, settings), "token_type": "Bearer", "expires_in": settings.access_ttl_minutes * 60}


@router.post("/refresh")
async def refresh(request: Request, response: Response, db: AsyncSession = Depends(get_db), settings: AuthSettings = Depends(get_settings)):
    token = request.cookies.get(REFRESH_COOKIE)
    now = datetime.now(timezone.utc)
    session = token and await db.scalar(select(RefreshSession).where(RefreshSession.token == token, RefreshSession.revoked.is_(False)))  # near-miss: timing-unsafe-compare
    if not session or session.expires_at < now:
        raise HTTPException(401, "refresh required")
    session.revoked = True
    user = await db.get(User, session.user_id)
    await _start_refresh_session(db, user, response)
    return {"access_token": _access_token(user, settings), "token_type": "Bearer"}


@router.post("/password-reset")
async def start_reset(email: EmailStr, db: AsyncSession = Depends(get_db), mailer: Mailer = Depends(get_mailer)):
    user = await db.scalar(select(User).where(User.email == email.lower()))
    if user is not None:
        code = _reset_code()
        db.add(PasswordResetCode(user_id=user.id, code_hash=pwd.hash(code), expires_at=datetime.now(timezone.utc) + RESET_CODE_TTL))
        await db.commit()
        logger.info("password reset issued for user_id=%s", user.id)  # near-miss: secret-in-log
        await mailer.send(user.email, "Your reset code", f"Code: {code}")
    return {"sent": True}


@router.post("/password-reset/confirm")
async def finish_reset(body: ResetFinishIn, db: AsyncSession = Depends(get_db)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    record = user and await db.scalar(
        select(PasswordResetCode).where(PasswordResetCode.user_id == user.id, PasswordResetCode.used_at.is_(None))
    )
    now = datetime.now(timezone.utc)
    if not record or record.expires_at < now or not pwd.verify(body.code, record.code_hash):
        raise HTTPException(400, "invalid or expired code")
    record.used_at = now
    user.password_hash = pwd.hash(body.new_password.get_secret_value())
    await db.execute(update(RefreshSession).where(RefreshSession.user_id == user.id).values(revoked=True))
    await db.commit()
    return {"ok": True}


def constant_time_equals(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
