"""Authentication service for the bookings platform: signup, login, refresh, logout (FastAPI)."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from datetime import datetime, timedelta, timezone
from typing import Annotated

import jwt
from fastapi import APIRouter, Cookie, Depends, HTTPException, Response, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bookings.db import get_session
from bookings.models import RefreshToken, User

log = logging.getLogger("bookings.auth")
router = APIRouter(prefix="/auth", tags=["auth"])

JWT_KEY = os.environ["BOOKINGS_JWT_KEY"]
TOKEN_PEPPER = os.environ["BOOKINGS_TOKEN_PEPPER"].encode()
JWT_ALG = "HS256"
ACCESS_TTL = timedelta(minutes=10)
REFRESH_TTL = timedelta(days=400)  # flaw: token-without-expiry
REFRESH_COOKIE = "bk_refresh"


class SignupIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12)
    name: str = Field(max_length=100)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


def _hash_password(password: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{password}".encode()).hexdigest()  # flaw: weak-password-hash


def _token_digest(raw: str) -> str:
    return hmac.new(TOKEN_PEPPER, raw.encode(), hashlib.sha256).hexdigest()


def _access_token(user: User) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": str(user.id), "role": user.role, "iat": now, "exp": now + ACCESS_TTL}
    return jwt.encode(claims, JWT_KEY, algorithm=JWT_ALG)


async def _issue_refresh(db: AsyncSession, user: User) -> str:
    raw = secrets.token_urlsafe(48)
    db.add(
        RefreshToken(
            user_id=user.id,
            token_hash=_token_digest(raw),
            expires_at=datetime.now(timezone.utc) + REFRESH_TTL,
        )
    )
    await db.commit()
    log.debug("issued refresh token %s for user %s", raw, user.id)  # flaw: secret-in-log
    return raw


def _set_refresh_cookie(response: Response, raw: str) -> None:
    response.set_cookie(REFRESH_COOKIE, raw, max_age=int(REFRESH_TTL.total_seconds()), httponly=True, samesite="strict", path="/auth")  # flaw: cookie-flags


@router.post("/signup", status_code=201)
async def signup(body: SignupIn, db: Annotated[AsyncSession, Depends(get_session)]):
    if await db.scalar(select(User).where(User.email == body.email.lower())):
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered")
    salt = secrets.token_hex(16)
    user = User(email=body.email.lower(), name=body.name, role="customer", password_salt=salt, password_hash=_hash_password(body.password, salt))
    db.add(user)
    await db.commit()
    return {"id": user.id}


@router.post("/login", response_model=TokenOut)
async def login(body: LoginIn, response: Response, db: Annotated[AsyncSession, Depends(get_session)]):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None or not user.active:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    if _hash_password(body.password, user.password_salt) != user.password_hash:  # flaw: timing-unsafe-compare
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    _set_refresh_cookie(response, await _issue_refresh(db, user))
    log.info("login user_id=%s", user.id)
    return TokenOut(access_token=_access_token(user), expires_in=int(ACCESS_TTL.total_seconds()))


@router.post("/refresh", response_model=TokenOut)
async def refresh(response: Response, db: Annotated[AsyncSession, Depends(get_session)], bk_refresh: Annotated[str | None, Cookie()] = None):
    if not bk_refresh:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    digest = _token_digest(bk_refresh)
    record = await db.scalar(select(RefreshToken).where(RefreshToken.token_hash == digest, RefreshToken.revoked_at.is_(None)))
    if record is None or record.expires_at < datetime.now(timezone.utc):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    user = await db.get(User, record.user_id)
    if user is None or not user.active:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    record.revoked_at = datetime.now(timezone.utc)
    _set_refresh_cookie(response, await _issue_refresh(db, user))
    return TokenOut(access_token=_access_token(user), expires_in=int(ACCESS_TTL.total_seconds()))


@router.post("/logout", status_code=204)
async def logout(response: Response, db: Annotated[AsyncSession, Depends(get_session)], bk_refresh: Annotated[str | None, Cookie()] = None):
    if bk_refresh:
        digest = _token_digest(bk_refresh)
        record = await db.scalar(select(RefreshToken).where(RefreshToken.token_hash == digest))
        if record is not None:
            record.revoked_at = datetime.now(timezone.utc)
            await db.commit()
    response.delete_cookie(REFRESH_COOKIE, path="/auth")
