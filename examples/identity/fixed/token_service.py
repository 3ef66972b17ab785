"""Access tokens for the internal API (fixed version)."""

import os
from datetime import UTC, datetime, timedelta

import jwt as pyjwt
import requests

ISSUER = "https://auth.example.com"
AUDIENCE = "internal-api"
ACCESS_TOKEN_TTL = timedelta(minutes=15)


def _signing_key() -> str:
    return os.environ["TOKEN_SIGNING_KEY"]


def issue_token(user):
    now = datetime.now(UTC)
    payload = {
        "sub": str(user.id),
        "roles": user.roles,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + ACCESS_TOKEN_TTL,
    }
    return pyjwt.encode(payload, _signing_key(), algorithm="HS256")


def read_token(token):
    return pyjwt.decode(token, _signing_key(), algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER)


def fetch_jwks(issuer):
    return requests.get(f"{issuer}/.well-known/jwks.json", timeout=5).json()


def is_allowed(token, permission):
    try:
        claims = read_token(token)
    except pyjwt.InvalidTokenError:
        return False
    return permission in claims.get("permissions", [])
