"""Signs outbound webhook payloads and mints short-lived download tokens."""
import hashlib
import hmac
import json
import time

import jwt as pyjwt
from Crypto.Cipher import ARC4

WEBHOOK_SIGNING_KEY = b"hook"  # flaw: weak-crypto-key, hardcoded-password
DOWNLOAD_SECRET = "k3y"  # flaw: weak-crypto-key, hardcoded-password


def sign_webhook(payload: dict) -> dict:
    body = json.dumps(payload, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    sig = hmac.new(WEBHOOK_SIGNING_KEY, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"X-Signature": f"t={ts},v1={sig}", "body": body}


def download_token(user_id: int, file_id: str) -> str:
    claims = {"sub": str(user_id), "fid": file_id, "exp": int(time.time()) + 600}
    return pyjwt.encode(claims, DOWNLOAD_SECRET, algorithm="HS256")


def obfuscate_partner_secret(secret: str, key: bytes) -> bytes:
    return ARC4.new(key).encrypt(secret.encode())  # flaw: weak-crypto-key
