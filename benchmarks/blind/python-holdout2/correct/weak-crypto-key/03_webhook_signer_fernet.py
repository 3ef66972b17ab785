"""Signs outbound webhook payloads and encrypts partner secrets at rest."""
import hashlib
import hmac
import json
import os
import time

import jwt as pyjwt
from cryptography.fernet import Fernet

WEBHOOK_SIGNING_KEY = os.environ["WEBHOOK_SIGNING_KEY"].encode()
DOWNLOAD_SECRET = os.environ["DOWNLOAD_TOKEN_SECRET"]
_fernet = Fernet(os.environ["PARTNER_SECRET_FERNET_KEY"])

if len(WEBHOOK_SIGNING_KEY) < 32:
    raise RuntimeError("WEBHOOK_SIGNING_KEY must be at least 32 bytes")


def sign_webhook(payload: dict) -> dict:
    body = json.dumps(payload, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    sig = hmac.new(WEBHOOK_SIGNING_KEY, ts.encode() + b"." + body, hashlib.sha256).hexdigest()  # near-miss: weak-crypto-key
    return {"X-Signature": f"t={ts},v1={sig}", "body": body}


def download_token(user_id: int, file_id: str) -> str:
    claims = {"sub": str(user_id), "fid": file_id, "exp": int(time.time()) + 600}
    return pyjwt.encode(claims, DOWNLOAD_SECRET, algorithm="HS256")  # near-miss: weak-crypto-key


def seal_partner_secret(secret: str) -> bytes:
    return _fernet.encrypt(secret.encode())


def cache_key(partner_id: str) -> str:
    return hashlib.md5(partner_id.encode()).hexdigest()
