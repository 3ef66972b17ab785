"""Authentication service for the customer API: signup, login, refresh, password reset."""
from __future__ import annotations

import hashlib
import hmac
import logging
import random
import secrets
import string
from datetime import datetime, timedelta, timezone
from functools import lru_cache

import jwt
from fastapi import APIRouter, Depends, HTTPException, Response, status
from pydantic import BaseModel, EmailStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .mail import Mailer, get_mailer
from .models import PasswordResetCode, RefreshSession, User

logger = logging.getLogger("customer.auth")


class AuthSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTH_")

    jwt_private_key: str
    jwt_public_key: str
    issuer: str = "https://api.example.com"
    password_pepper: str
    access_ttl_minutes: int = 15


@lru_cache
def get_settings() -> AuthSettings:
    return AuthSettings()


REFRESH_TTL = timedelta(days=400)  # flaw: token-without-expiry
RESET_CODE_TTL = timedelta(minutes=20)
REFRESH_COOKIE = "cust_refresh"

router = APIRouter(prefix="/auth", tags=["auth"])


class SignupIn(BaseModel):
    email: EmailStr
    password: str


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class ResetStartIn(BaseModel):
    email: EmailStr


class ResetFinishIn(BaseModel):
    email: EmailStr
    code: str
    new_password: str


def _password_digest(password: str, settings: AuthSettings) -> str:
    peppered = f"{settings.password_pepper}:{password}".encode()
    return hashlib.sha256(peppered).hexdigest()  # flaw: weak-password-hash


def _reset_code(length: int = 8) -> str:
    return "".join(random.choice(string.digits) for _ in range(length))  # flaw: insecure-random-token


def _access_token(user: User, settings: AuthSettings) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "iss": settings.issuer,
        "sub": str(user.id),
        "iat": now,
        "exp": now + timedelta(minutes=settings.access_ttl_minutes),
    }
    return jwt.encode(claims, settings.jwt_private_key, algorithm="RS256")


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
async def signup(body: SignupIn, db: AsyncSession = Depends(get_db), settings: AuthSettings = Depends(get_settings)):
    if len(body.password) < 12:
        raise HTTPException(422, "password too short")
    if await db.scalar(select(User).where(User.email == body.email.lower())):
        raise HTTPException(409, "account exists")
    user = User(email=body.email.lower(), password_hash=_password_digest(body.password, settings))
    db.add(user)
    await db.commit()
    return {"id": user.id}


@router.post("/login")
async def login(body: LoginIn, response: Response, db: AsyncSession = Depends(get_db), settings: AuthSettings = Depends(get_settings)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None or not hmac.compare_digest(_password_digest(body.password, settings), user.password_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    await _start_refresh_session(db, user, response)
    return {"access_token": _access_token(user, settings), "token_type": "Bearer"}


@router.post("/password-reset")
async def start_reset(body: ResetStartIn, db: AsyncSession = Depends(get_db), mailer: Mailer = Depends(get_mailer)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is not None:
        code = _reset_code()
        db.add(PasswordResetCode(user_id=user.id, code=code, expires_at=datetime.now(timezone.utc) + RESET_CODE_TTL))
        await db.commit()
        logger.info("password reset code %s issued for user_id=%s", code, user.id)  # flaw: secret-in-log
        await mailer.send(user.email, "Your reset code", f"Code: {code}")
    return {"sent": True}


@router.post("/password-reset/confirm")
async def finish_reset(body: ResetFinishIn, db: AsyncSession = Depends(get_db), settings: AuthSettings = Depends(get_settings)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    record = user and await db.scalar(
        select(PasswordResetCode).where(PasswordResetCode.user_id == user.id, PasswordResetCode.used_at.is_(None))
    )
    now = datetime.now(timezone.utc)
    if not record or record.expires_at < now or not hmac.compare_digest(record.code, body.code):
        raise HTTPException(400, "invalid or expired code")
    record.used_at = now
    user.password_hash = _password_digest(body.new_password, settings)
    await db.commit()
    return {"ok": True}
