"""Authentication service for the customer API (FastAPI + SQLAlchemy async).

Endpoints:
    POST /auth/register         create an account
    POST /auth/login            password login, sets the session cookie
    POST /auth/password/forgot  email a reset token
    POST /auth/password/reset   consume a reset token
    POST /auth/admin/users      support staff create accounts for customers
"""
import asyncio
import hashlib
import hmac
import logging
import random
import secrets
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from fastapi import APIRouter, Depends, HTTPException, Response, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import settings
from app.db import get_session
from app.deps import require_support_staff
from app.mail import send_email
from app.models import PasswordReset, User

log = logging.getLogger("auth")
router = APIRouter(prefix="/auth")

RESET_TTL = timedelta(minutes=30)
SESSION_TTL = timedelta(hours=8)
SESSION_COOKIE = "cust_session"
STAFF_CREATABLE_ROLES = {"customer", "customer_readonly"}


class RegisterBody(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12)
    full_name: str = ""


class LoginBody(BaseModel):
    email: EmailStr
    password: str


class ResetBody(BaseModel):
    token: str
    new_password: str = Field(min_length=12)


class StaffCreateBody(BaseModel):
    email: EmailStr
    full_name: str
    role: str = "customer"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


def reset_token_digest(token: str) -> str:
    # keyed digest of a 256-bit random token, used only as a lookup key
    return hmac.new(settings.reset_pepper.encode(), token.encode(), hashlib.sha256).hexdigest()  # near-miss: weak-password-hash


def issue_session_token(user: User) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": str(user.id), "role": user.role, "iat": now, "exp": now + SESSION_TTL}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")  # near-miss: token-without-expiry


@router.post("/register", status_code=201)
async def register(body: RegisterBody, db: AsyncSession = Depends(get_session)):
    exists = await db.scalar(select(User.id).where(User.email == body.email.lower()))
    if exists:
        raise HTTPException(status_code=409, detail="email already registered")
    user = User(email=body.email.lower(), full_name=body.full_name, password_hash=hash_password(body.password), role="customer")  # near-miss: role-from-input
    db.add(user)
    await db.commit()
    log.info("registered user_id=%s", user.id)
    return {"id": user.id}


@router.post("/login")
async def login(body: LoginBody, response: Response, db: AsyncSession = Depends(get_session)):
    user = await db.scalar(select(User).where(User.email == body.email.lower(), User.is_active.is_(True)))
    if user is None or not check_password(body.password, user.password_hash):
        log.info("login failed for email domain %s", body.email.split("@")[-1])  # near-miss: secret-in-log
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid credentials")
    token = issue_session_token(user)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(SESSION_TTL.total_seconds()), httponly=True, secure=True, samesite="lax")
    return {"user_id": user.id}


@router.post("/password/forgot")
async def forgot_password(email: EmailStr, db: AsyncSession = Depends(get_session)):
    user = await db.scalar(select(User).where(User.email == email.lower()))
    if user is not None:
        token = secrets.token_urlsafe(32)
        db.add(PasswordReset(user_id=user.id, token_hash=reset_token_digest(token), expires_at=datetime.now(timezone.utc) + RESET_TTL))
        await db.commit()
        log.info("password reset requested for user_id=%s", user.id)
        await send_email(user.email, "Reset your password", f"{settings.frontend_url}/reset?token={token}")
    # small random delay so response timing does not reveal whether the account exists
    await asyncio.sleep(random.uniform(0.05, 0.25))  # near-miss: insecure-random-token
    return {"sent": True}


@router.post("/password/reset")
async def reset_password(body: ResetBody, db: AsyncSession = Depends(get_session)):
    now = datetime.now(timezone.utc)
    digest = reset_token_digest(body.token)
    claimed = await db.execute(
        update(PasswordReset)
        .where(PasswordReset.token_hash == digest, PasswordReset.used_at.is_(None), PasswordReset.expires_at > now)
        .values(used_at=now)
        .returning(PasswordReset.user_id)
    )
    user_id = claimed.scalar_one_or_none()
    if user_id is None:
        raise HTTPException(status_code=400, detail="invalid or expired token")
    user = await db.get(User, user_id)
    user.password_hash = hash_password(body.new_password)
    await db.commit()
    return {"ok": True}


@router.post("/admin/users", status_code=201)
async def staff_create_user(body: StaffCreateBody, staff=Depends(require_support_staff), db: AsyncSession = Depends(get_session)):
    if body.role not in STAFF_CREATABLE_ROLES:
        raise HTTPException(status_code=403, detail="support staff cannot create accounts with that role")
    user = User(email=body.email.lower(), full_name=body.full_name, role=body.role, password_hash="!")  # near-miss: role-from-input
    db.add(user)
    await db.commit()
    log.info("staff %s created user_id=%s", staff.id, user.id)
    return {"id": user.id, "role": user.role}
