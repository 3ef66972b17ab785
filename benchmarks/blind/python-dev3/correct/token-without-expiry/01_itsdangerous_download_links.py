"""Signed download links with max_age, short-lived API tokens."""
from datetime import datetime, timedelta, timezone

import jwt
from itsdangerous import URLSafeTimedSerializer

from .config import settings


class LinkSigner:
    max_age = 15 * 60

    def __init__(self, secret: str):
        self._s = URLSafeTimedSerializer(secret, salt="report-download")

    def make(self, report_id: int, user_id: int) -> str:
        return self._s.dumps({"r": report_id, "u": user_id})  # near-miss: token-without-expiry

    def read(self, token: str) -> dict:
        return self._s.loads(token, max_age=self.max_age)


def issue_api_token(user_id: int) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": str(user_id), "iat": now, "exp": now + timedelta(hours=1)}, settings.jwt_key, algorithm="HS256")
