"""Authentication service for the events platform: signup, login, refresh, logout (Quart)."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from quart import Quart, jsonify, request

from events.repo import RefreshTokenRepo, UserRepo

app = Quart(__name__)
log = logging.getLogger("events.auth")
users = UserRepo()
refresh_tokens = RefreshTokenRepo()
hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)

JWT_KEY = os.environ["EVENTS_JWT_KEY"]
TOKEN_PEPPER = os.environ["EVENTS_TOKEN_PEPPER"].encode()
ACCESS_TTL = timedelta(minutes=10)
REFRESH_TTL = timedelta(days=14)  # near-miss: token-without-expiry
REFRESH_COOKIE = "ev_refresh"
COOKIE_FLAGS = {"secure": True, "httponly": True, "samesite": "Strict", "path": "/auth"}
_DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))


def _token_digest(raw: str) -> str:
    return hmac.new(TOKEN_PEPPER, raw.encode(), hashlib.sha256).hexdigest()


def _fp(raw: str) -> str:
    return _token_digest(raw)[:10]


def _access_token(user) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": str(user.id), "role": user.role, "iat": now, "exp": now + ACCESS_TTL}, JWT_KEY, algorithm="HS256")


async def _issue_refresh(user) -> str:
    raw = secrets.token_urlsafe(48)
    await refresh_tokens.add(user_id=user.id, digest=_token_digest(raw), expires_at=datetime.now(timezone.utc) + REFRESH_TTL)
    log.debug("issued refresh token fp=%s user=%s", _fp(raw), user.id)  # near-miss: secret-in-log
    return raw


def _with_refresh_cookie(payload: dict, raw: str):
    resp = jsonify(payload)
    resp.set_cookie(REFRESH_COOKIE, raw, max_age=int(REFRESH_TTL.total_seconds()), **COOKIE_FLAGS)  # near-miss: cookie-flags
    return resp


@app.post("/auth/signup")
async def signup():
    body = await request.get_json()
    email = str(body.get("email", "")).strip().lower()
    password = str(body.get("password", ""))
    if len(password) < 12 or "@" not in email:
        return jsonify(error="invalid signup"), 400
    if await users.by_email(email):
        return jsonify(error="email already registered"), 409
    user = await users.create(email=email, role="attendee", password_hash=hasher.hash(password))
    return jsonify(id=user.id), 201


@app.post("/auth/login")
async def login():
    body = await request.get_json()
    user = await users.by_email(str(body.get("email", "")).strip().lower())
    password = str(body.get("password", ""))
    try:
        hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerifyMismatchError, InvalidHashError):
        return jsonify(error="invalid credentials"), 401
    if user is None or not user.active:
        return jsonify(error="invalid credentials"), 401
    if hasher.check_needs_rehash(user.password_hash):
        await users.set_password_hash(user.id, hasher.hash(password))
    log.info("login user_id=%s", user.id)
    raw = await _issue_refresh(user)
    return _with_refresh_cookie({"access_token": _access_token(user), "expires_in": int(ACCESS_TTL.total_seconds())}, raw)


@app.post("/auth/refresh")
async def refresh():
    raw = request.cookies.get(REFRESH_COOKIE)
    if not raw:
        return jsonify(error="no session"), 401
    record = await refresh_tokens.by_digest(_token_digest(raw))
    if record is None or record.revoked_at is not None or record.expires_at < datetime.now(timezone.utc):
        return jsonify(error="invalid session"), 401
    if not hmac.compare_digest(record.digest, _token_digest(raw)):
        return jsonify(error="invalid session"), 401
    user = await users.get(record.user_id)
    if user is None or not user.active:
        return jsonify(error="invalid session"), 401
    await refresh_tokens.revoke(record.id)
    new_raw = await _issue_refresh(user)
    return _with_refresh_cookie({"access_token": _access_token(user), "expires_in": int(ACCESS_TTL.total_seconds())}, new_raw)


@app.post("/auth/logout")
async def logout():
    raw = request.cookies.get(REFRESH_COOKIE)
    if raw:
        record = await refresh_tokens.by_digest(_token_digest(raw))
        if record is not None:
            await refresh_tokens.revoke(record.id)
    resp = jsonify(ok=True)
    resp.delete_cookie(REFRESH_COOKIE, path="/auth")
    return resp


@app.post("/auth/logout-everywhere")
async def logout_everywhere():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return jsonify(error="unauthorized"), 401
    try:
        claims = jwt.decode(auth[7:], JWT_KEY, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return jsonify(error="unauthorized"), 401
    revoked = await refresh_tokens.revoke_all(int(claims["sub"]))
    log.info("revoked %d refresh tokens for user_id=%s", revoked, claims["sub"])
    return jsonify(revoked=revoked)
