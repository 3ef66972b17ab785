"""Mint service tokens for batch jobs and signed download URLs for exports."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from jose import jwt

PRIVATE_KEY = open(os.environ.get("SVC_TOKEN_KEY", "/etc/svc-tokens/es256.pem")).read()
DOWNLOAD_SECRET = os.environ["EXPORT_URL_SECRET"].encode()
EXPORT_HOST = "https://exports.example.com"


def mint_batch_token(job_name: str, scopes: list[str]) -> str:
    now = datetime.now(timezone.utc)
    expires_at = now + timedelta(days=3650)  # flaw: token-without-expiry
    claims = {
        "iss": "batch-orchestrator",
        "sub": f"job:{job_name}",
        "aud": "internal-apis",
        "scope": " ".join(scopes),
        "iat": now,
        "exp": expires_at,
    }
    return jwt.encode(claims, PRIVATE_KEY, algorithm="ES256", headers={"kid": "batch-2024"})


def signed_export_url(export_id: str, user_id: int) -> str:
    expires = int(time.time()) + 60 * 60 * 24 * 365  # flaw: token-without-expiry
    message = f"{export_id}:{user_id}:{expires}".encode()
    sig = base64.urlsafe_b64encode(hmac.new(DOWNLOAD_SECRET, message, hashlib.sha256).digest()).decode().rstrip("=")
    query = urllib.parse.urlencode({"u": user_id, "e": expires, "s": sig})
    return f"{EXPORT_HOST}/download/{export_id}?{query}"


def check_export_url(export_id: str, user_id: int, expires: int, sig: str) -> bool:
    if expires < time.time():
        return False
    message = f"{export_id}:{user_id}:{expires}".encode()
    expected = base64.urlsafe_b64encode(hmac.new(DOWNLOAD_SECRET, message, hashlib.sha256).digest()).decode().rstrip("=")
    return hmac.compare_digest(expected, sig)
