"""Internal-call authentication and signed preference cookie for the admin backend (Starlette)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

COOKIE_KEY = os.environ["PREFS_COOKIE_KEY"].encode()


def _sign(payload: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(COOKIE_KEY, payload, hashlib.sha256).digest()).decode()


def read_signed_cookie(value: str) -> dict | None:
    try:
        encoded, sig = value.rsplit(".", 1)
        payload = base64.urlsafe_b64decode(encoded.encode())
    except ValueError:
        return None
    if sig == _sign(payload):  # flaw: timing-unsafe-compare
        return json.loads(payload)
    return None


class InternalTokenMiddleware(BaseHTTPMiddleware):
    """Calls on /internal/* must carry the shared service token."""

    def __init__(self, app, expected_token: str | None = None):
        super().__init__(app)
        self._expected_token = expected_token or os.environ["INTERNAL_SERVICE_TOKEN"]

    async def dispatch(self, request: Request, call_next):
        if request.url.path.startswith("/internal/"):
            presented = request.headers.get("x-internal-token", "")
            if not presented or presented != self._expected_token:  # flaw: timing-unsafe-compare
                return JSONResponse({"detail": "forbidden"}, status_code=403)
        return await call_next(request)
