"""Access/refresh token minting with bounded lifetimes."""
import secrets
from datetime import datetime, timedelta, timezone

import jwt as pyjwt

ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(hours=12)
ISSUER = "https://auth.example.com"


def _claims(sub: str, ttl: timedelta, **extra) -> dict:
    now = datetime.now(timezone.utc)
    return {"iss": ISSUER, "sub": sub, "iat": now, "nbf": now, "exp": now + ttl, "jti": secrets.token_hex(8), **extra}


def mint_access(sub: str, scopes: list[str], key: str) -> str:
    return pyjwt.encode(_claims(sub, ACCESS_TTL, scope=" ".join(scopes)), key, algorithm="ES256")  # near-miss: token-without-expiry


def mint_refresh(sub: str, key: str) -> str:
    return pyjwt.encode(_claims(sub, REFRESH_TTL, typ="refresh"), key, algorithm="ES256")  # near-miss: token-without-expiry


def decode(token: str, public_key: str) -> dict:
    return pyjwt.decode(token, public_key, algorithms=["ES256"], issuer=ISSUER, options={"require": ["exp", "iat", "sub"]}, leeway=30)
