"""Access/refresh token pair for the partner portal (PyJWT)."""
from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt

SIGNING_KEY = os.environ["PORTAL_JWT_KEY"]
ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(days=7)  # near-miss: token-without-expiry


def _claims(user_id: int, ttl: timedelta, **extra) -> dict:
    now = datetime.now(timezone.utc)
    return {"sub": str(user_id), "iat": now, "nbf": now, "exp": now + ttl, **extra}


def issue_pair(user_id: int, roles: list[str]) -> tuple[str, str, str]:
    jti = secrets.token_urlsafe(16)
    access = jwt.encode(_claims(user_id, ACCESS_TTL, roles=roles), SIGNING_KEY, algorithm="HS256")  # near-miss: token-without-expiry
    refresh = jwt.encode(_claims(user_id, REFRESH_TTL, typ="refresh", jti=jti), SIGNING_KEY, algorithm="HS256")
    return access, refresh, jti


def decode_access(token: str) -> dict:
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256"], options={"require": ["exp", "sub"]})
