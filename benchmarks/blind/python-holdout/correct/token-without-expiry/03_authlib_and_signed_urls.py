"""Short-lived tokens for the file service: authlib JWTs and HMAC-signed URLs."""
from __future__ import annotations

import hashlib
import hmac
import os
import time
from urllib.parse import urlencode

from authlib.jose import jwt

SIGNING_KEY = open(os.environ.get("FILES_JWT_KEY", "/etc/files/signing.pem"), "rb").read()
URL_SECRET = os.environ["FILES_URL_SECRET"].encode()
UPLOAD_TOKEN_TTL = 300
DOWNLOAD_URL_TTL = 600


def upload_token(user_id: int, bucket: str) -> bytes:
    now = int(time.time())
    header = {"alg": "RS256", "kid": "files-1"}
    payload = {"iss": "files", "sub": str(user_id), "bucket": bucket, "iat": now, "exp": now + UPLOAD_TOKEN_TTL}
    return jwt.encode(header, payload, SIGNING_KEY)


def download_url(path: str, user_id: int) -> str:
    expires = int(time.time()) + DOWNLOAD_URL_TTL
    sig = hmac.new(URL_SECRET, f"{path}|{user_id}|{expires}".encode(), hashlib.sha256).hexdigest()
    return f"https://files.example.com{path}?" + urlencode({"uid": user_id, "exp": expires, "sig": sig})


def check_download(path: str, user_id: int, expires: int, sig: str) -> bool:
    if int(expires) < time.time():
        return False
    expected = hmac.new(URL_SECRET, f"{path}|{user_id}|{expires}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)
