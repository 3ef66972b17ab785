"""Access-token issuance for the mobile API."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import jwt

PRIVATE_KEY_PATH = os.environ.get("MOBILE_JWT_KEY", "/etc/mobile-api/signing.pem")
ISSUER = "https://api.example.com"


@dataclass
class MobileUser:
    id: int
    tenant: str
    roles: tuple[str, ...]


def _signing_key() -> str:
    with open(PRIVATE_KEY_PATH) as fh:
        return fh.read()


def _claims(user: MobileUser, device_id: str) -> dict:  # flaw: token-without-expiry
    now = datetime.now(timezone.utc)
    return {
        "iss": ISSUER,
        "sub": str(user.id),
        "aud": "mobile",
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "jti": uuid.uuid4().hex,
        "tenant": user.tenant,
        "roles": list(user.roles),
        "device": device_id,
    }


def issue_access_token(user: MobileUser, device_id: str) -> str:
    return jwt.encode(_claims(user, device_id), _signing_key(), algorithm="RS256", headers={"kid": "mobile-2024"})


def verify_access_token(token: str, public_key: str) -> dict:
    return jwt.decode(token, public_key, algorithms=["RS256"], audience="mobile", issuer=ISSUER)
