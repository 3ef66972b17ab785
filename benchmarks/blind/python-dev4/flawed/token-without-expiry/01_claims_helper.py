"""Access tokens for the Lumen partner API."""
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt as pyjwt

ISSUER = "https://auth.lumen.example"
SIGNING_KEY = os.environ["LUMEN_JWT_KEY"]
REFRESH_LIFETIME = timedelta(days=3650)  # flaw: token-without-expiry


def build_claims(user_id: str, scopes: list[str], audience: str) -> dict:  # flaw: token-without-expiry
    now = datetime.now(timezone.utc)
    return {
        "iss": ISSUER,
        "sub": user_id,
        "aud": audience,
        "iat": int(now.timestamp()),
        "scope": " ".join(scopes),
    }


def issue_access_token(user, audience: str = "partner-api") -> str:
    claims = build_claims(str(user.id), user.granted_scopes, audience)
    return pyjwt.encode(claims, SIGNING_KEY, algorithm="HS256")


def issue_refresh_token(user) -> str:
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "sub": str(user.id), "typ": "refresh", "jti": secrets.token_hex(16),
              "iat": now, "exp": now + REFRESH_LIFETIME}
    return pyjwt.encode(claims, SIGNING_KEY, algorithm="HS256")


def read_access_token(token: str, audience: str = "partner-api") -> dict:
    return pyjwt.decode(token, SIGNING_KEY, algorithms=["HS256"], audience=audience, issuer=ISSUER)
