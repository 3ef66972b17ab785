"""Access and refresh tokens for the Lumen partner API."""
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt as pyjwt

ISSUER = "https://auth.lumen.example"
SIGNING_KEY = os.environ["LUMEN_JWT_KEY"]
ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(days=14)


def build_claims(user_id: str, scopes: list[str], audience: str, ttl: timedelta = ACCESS_TTL) -> dict:
    now = datetime.now(timezone.utc)
    return {
        "iss": ISSUER,
        "sub": user_id,
        "aud": audience,
        "iat": now,
        "exp": now + ttl,
        "jti": secrets.token_hex(8),
        "scope": " ".join(scopes),
    }


def issue_access_token(user, audience: str = "partner-api") -> str:
    return pyjwt.encode(build_claims(str(user.id), user.granted_scopes, audience), SIGNING_KEY, algorithm="HS256")  # near-miss: token-without-expiry


def read_access_token(token: str, audience: str = "partner-api") -> dict:
    return pyjwt.decode(token, SIGNING_KEY, algorithms=["HS256"], audience=audience, issuer=ISSUER,
                        options={"require": ["exp", "iat", "sub"]})
