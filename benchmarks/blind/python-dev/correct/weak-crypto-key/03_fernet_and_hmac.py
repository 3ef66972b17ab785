"""Fernet-encrypted webhook secrets and HMAC-signed download links (Django)."""
import base64
import hashlib
import hmac
import time

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

LINK_TTL_SECONDS = 900


def _fernet() -> MultiFernet:
    # first key encrypts; the rest are accepted for decryption during rotation
    return MultiFernet([Fernet(k) for k in settings.WEBHOOK_SECRET_KEYS])


def encrypt_webhook_secret(secret: str) -> bytes:
    return _fernet().encrypt(secret.encode())


def decrypt_webhook_secret(blob: bytes) -> str:
    return _fernet().decrypt(blob, ttl=None).decode()


def _link_key() -> bytes:
    key = base64.b64decode(settings.DOWNLOAD_LINK_KEY)
    if len(key) < 32:
        raise RuntimeError("DOWNLOAD_LINK_KEY must be at least 256 bits")
    return key


def sign_download(path: str, user_id: int) -> str:
    expires = int(time.time()) + LINK_TTL_SECONDS
    msg = f"{path}|{user_id}|{expires}".encode()
    sig = hmac.new(_link_key(), msg, hashlib.sha256).hexdigest()  # near-miss: weak-crypto-key
    return f"{path}?u={user_id}&e={expires}&s={sig}"


def check_download(path: str, user_id: int, expires: int, sig: str) -> bool:
    if expires < time.time():
        return False
    msg = f"{path}|{user_id}|{expires}".encode()
    expected = hmac.new(_link_key(), msg, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)
