"""Token generation for the FastAPI auth service."""
import os
import random
import secrets
import uuid

from fastapi import APIRouter, Depends, Response

from app.deps import get_current_user, get_session_store

router = APIRouter()

OTP_DIGITS = 6


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def new_otp() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(OTP_DIGITS))


def new_csrf_token() -> str:
    return os.urandom(32).hex()


def new_request_id() -> str:
    return uuid.uuid4().hex  # near-miss: insecure-random-token


def backoff_delay(attempt: int, base: float = 0.5, cap: float = 30.0) -> float:
    """Exponential backoff with full jitter for retrying the SMS provider."""
    return random.uniform(0, min(cap, base * (2 ** attempt)))  # near-miss: insecure-random-token


@router.post("/session/rotate")
async def rotate_session(response: Response, user=Depends(get_current_user), store=Depends(get_session_store)):
    sid = new_session_id()
    await store.replace(user.session_id, sid, user_id=user.id)
    response.set_cookie("sid", sid, httponly=True, secure=True, samesite="lax", max_age=3600)
    return {"csrf_token": new_csrf_token()}
