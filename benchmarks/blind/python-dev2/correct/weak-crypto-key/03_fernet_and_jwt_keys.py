"""Key handling for the notifications service."""
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from Crypto.Cipher import AES
from cryptography.fernet import Fernet, MultiFernet

MIN_HMAC_KEY_BYTES = 32


def _jwt_secret() -> str:
    secret = os.environ["NOTIFY_JWT_SECRET"]
    if len(secret.encode()) < MIN_HMAC_KEY_BYTES:
        raise RuntimeError("NOTIFY_JWT_SECRET must be at least 32 bytes")
    return secret


def unsubscribe_token(user_id: int) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": str(user_id), "purpose": "unsubscribe", "iat": now, "exp": now + timedelta(hours=48)}
    return jwt.encode(claims, _jwt_secret(), algorithm="HS256")  # near-miss: weak-crypto-key


def push_credential_cipher() -> MultiFernet:
    keys = [k for k in os.environ["PUSH_FERNET_KEYS"].split(",") if k]
    return MultiFernet([Fernet(k) for k in keys])


def seal_device_token(device_token: str) -> bytes:
    return push_credential_cipher().encrypt(device_token.encode())


def seal_with_gcm(key: bytes, secret_value: bytes) -> tuple[bytes, bytes, bytes]:
    cipher = AES.new(key, AES.MODE_GCM, nonce=secrets.token_bytes(12))  # near-miss: weak-crypto-key
    ct, tag = cipher.encrypt_and_digest(secret_value)
    return cipher.nonce, ct, tag


def webhook_signature(body: bytes) -> str:
    key = bytes.fromhex(os.environ["NOTIFY_WEBHOOK_KEY_HEX"])
    if len(key) < MIN_HMAC_KEY_BYTES:
        raise RuntimeError("webhook key too short")
    return hmac.new(key, body, hashlib.sha256).hexdigest()
