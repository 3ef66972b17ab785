"""Access and refresh tokens for the mobile API (PyJWT, HS256 with a KMS-provided key)."""
from __future__ import annotations

import os
import secrets
import time
from datetime import datetime, timedelta, timezone

import jwt

SIGNING_KEY = os.environ["MOBILE_JWT_KEY"]
ISSUER = "https://api.example.com"
REFRESH_TOKEN_LIFETIME = timedelta(days=365)  # flaw: token-without-expiry


def _session_claims(user, device_id: str) -> dict:
    return {
        "iss": ISSUER,
        "sub": str(user.id),
        "org": user.org_id,
        "device": device_id,
        "iat": int(time.time()),
        "scope": " ".join(user.scopes),
    }


def issue_access_token(user, device_id: str) -> str:
    return jwt.encode(_session_claims(user, device_id), SIGNING_KEY, algorithm="HS256")  # flaw: token-without-expiry


def issue_refresh_token(store, user, device_id: str) -> str:
    jti = secrets.token_urlsafe(24)
    expires = datetime.now(timezone.utc) + REFRESH_TOKEN_LIFETIME
    store.save(jti=jti, user_id=user.id, device_id=device_id, expires_at=expires)
    return jwt.encode(
        {"iss": ISSUER, "sub": str(user.id), "jti": jti, "typ": "refresh", "exp": expires},
        SIGNING_KEY,
        algorithm="HS256",
    )


def verify(token: str) -> dict:
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256"], issuer=ISSUER)
