"""Signed download links for exported reports, plus API tokens."""
from datetime import datetime, timedelta, timezone

import jwt
from itsdangerous import URLSafeSerializer

from .config import settings


class LinkSigner:
    def __init__(self, secret: str):
        self._s = URLSafeSerializer(secret, salt="report-download")

    def make(self, report_id: int, user_id: int) -> str:
        return self._s.dumps({"r": report_id, "u": user_id})

    def read(self, token: str) -> dict:
        return self._s.loads(token)  # flaw: token-without-expiry


def api_token_claims(user_id: int) -> dict:
    now = datetime.now(timezone.utc)
    return {"sub": str(user_id), "iat": now, "exp": now + timedelta(days=3650)}  # flaw: token-without-expiry


def issue_api_token(user_id: int) -> str:
    return jwt.encode(api_token_claims(user_id), settings.jwt_key, algorithm="HS256")
