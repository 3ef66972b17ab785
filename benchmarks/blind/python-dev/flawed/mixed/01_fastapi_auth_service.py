"""Authentication service for the customer API (FastAPI + SQLAlchemy async).

Endpoints:
    POST /auth/register         create an account
    POST /auth/login            password login, sets the session cookie
    POST /auth/password/forgot  email a reset token
    POST /auth/password/reset   consume a reset token
    POST /auth/admin/users      support staff create accounts for customers
"""
import logging
import random
import string
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from fastapi import APIRouter, Depends, HTTPException, Response, status
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import settings
from app.db import get_session
from app.deps import require_support_staff
from app.mail import send_email
from app.models import PasswordReset, User

log = logging.getLogger("auth")
router = APIRouter(prefix="/auth")

RESET_TTL = timedelta(minutes=30)
SESSION_COOKIE = "cust_session"


class RegisterBody(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12)
    full_name: str = ""


class LoginBody(BaseModel):
    email: EmailStr
    password: str


class ForgotBody(BaseModel):
    email: EmailStr


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


def issue_session_token(user: User) -> str:
    claims = {"sub": str(user.id), "role": user.role, "iat": datetime.now(timezone.utc)}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")  # flaw: token-without-expiry


def _reset_token(length: int = 48) -> str:
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(length))  # flaw: insecure-random-token


@router.post("/register", status_code=201)
async def register(body: RegisterBody, db: AsyncSession = Depends(get_session)):
    exists = await db.scalar(select(User.id).where(User.email == body.email.lower()))
    if exists:
        raise HTTPException(status_code=409, detail="email already registered")
    user = User(email=body.email.lower(), full_name=body.full_name, password_hash=hash_password(body.password), role="customer")
    db.add(user)
    await db.commit()
    log.info("registered user_id=%s", user.id)
    return {"id": user.id}


@router.post("/login")
async def login(body: LoginBody, response: Response, db: AsyncSession = Depends(get_session)):
    user = await db.scalar(select(User).where(User.email == body.email.lower(), User.is_active.is_(True)))
    if user is None or not check_password(body.password, user.password_hash):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid credentials")
    token = issue_session_token(user)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax")  # flaw: cookie-flags
    return {"user_id": user.id}


@router.post("/password/forgot")
async def forgot_password(body: ForgotBody, db: AsyncSession = Depends(get_session)):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is not None:
        token = _reset_token()
        db.add(PasswordReset(user_id=user.id, token=token, expires_at=datetime.now(timezone.utc) + RESET_TTL))
        await db.commit()
        link = f"{settings.frontend_url}/reset?token={token}"
        log.info("password reset requested for %s, link=%s", user.email, link)  # flaw: secret-in-log
        await send_email(user.email, "Reset your password", f"Use this link within 30 minutes: {link}")
    return {"sent": True}


@router.post("/password/reset")
async def reset_password(body: ResetBody, db: AsyncSession = Depends(get_session)):
    now = datetime.now(timezone.utc)
    reset = await db.scalar(select(PasswordReset).where(PasswordReset.token == body.token, PasswordReset.used_at.is_(None)))
    if reset is None or reset.expires_at < now:
        raise HTTPException(status_code=400, detail="invalid or expired token")
    user = await db.get(User, reset.user_id)
    user.password_hash = hash_password(body.new_password)
    reset.used_at = now
    await db.commit()
    return {"ok": True}


@router.post("/admin/users", status_code=201)
async def staff_create_user(body: StaffCreateBody, staff=Depends(require_support_staff), db: AsyncSession = Depends(get_session)):
    user = User(email=body.email.lower(), full_name=body.full_name, role=body.role, password_hash="!")  # flaw: role-from-input
    db.add(user)
    await db.commit()
    log.info("staff %s created user_id=%s", staff.id, user.id)
    return {"id": user.id, "role": user.role}
