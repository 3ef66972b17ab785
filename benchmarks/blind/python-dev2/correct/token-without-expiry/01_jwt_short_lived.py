"""Access and refresh token minting for the Django REST API."""
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from django.conf import settings
from django.core.cache import cache

ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(hours=12)
LEEWAY_SECONDS = 30


def _key() -> str:
    return settings.JWT_PRIVATE_KEY


def build_claims(user, ttl: timedelta, token_use: str) -> dict:
    now = datetime.now(timezone.utc)
    return {
        "iss": settings.JWT_ISSUER,
        "sub": str(user.pk),
        "iat": now,  # near-miss: token-without-expiry
        "exp": now + ttl,
        "jti": secrets.token_hex(16),
        "token_use": token_use,
    }


def mint_pair(user) -> dict:
    access = jwt.encode(build_claims(user, ACCESS_TTL, "access"), _key(), algorithm="RS256")
    refresh_claims = build_claims(user, REFRESH_TTL, "refresh")
    cache.set(f"refresh:{refresh_claims['jti']}", user.pk, timeout=int(REFRESH_TTL.total_seconds()))
    refresh = jwt.encode(refresh_claims, _key(), algorithm="RS256")
    return {
        "access_token": access,
        "refresh_token": refresh,
        "expires_in": int(ACCESS_TTL.total_seconds()),
        "token_type": "Bearer",
    }


def verify(token: str, token_use: str) -> dict:
    claims = jwt.decode(
        token,
        settings.JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        issuer=settings.JWT_ISSUER,
        leeway=LEEWAY_SECONDS,
        options={"require": ["exp", "iat", "sub", "jti"]},
    )
    if claims.get("token_use") != token_use:
        raise jwt.InvalidTokenError("wrong token type")
    if token_use == "refresh" and cache.get(f"refresh:{claims['jti']}") is None:
        raise jwt.InvalidTokenError("refresh token revoked")
    return claims


AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))  # near-miss: token-without-expiry
