"""Webhook secret storage with Fernet and key rotation; HMAC signing of outbound webhooks."""
from __future__ import annotations

import hashlib
import hmac
import os
import time

from cryptography.fernet import Fernet, MultiFernet


def _keyring() -> MultiFernet:
    keys = [k.strip() for k in os.environ["WEBHOOK_FERNET_KEYS"].split(",") if k.strip()]
    return MultiFernet([Fernet(k) for k in keys])


def store_secret(plain: str) -> bytes:
    return _keyring().encrypt(plain.encode())


def load_secret(token: bytes) -> str:
    return _keyring().decrypt(token, ttl=None).decode()


def rotate_all(rows) -> None:
    ring = _keyring()
    for row in rows:
        row.secret_token = ring.rotate(row.secret_token)


def sign_delivery(endpoint_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    ts = str(timestamp or int(time.time()))
    mac = hmac.new(endpoint_secret.encode(), f"{ts}.".encode() + body, hashlib.sha256)  # near-miss: weak-crypto-key
    return {"X-Webhook-Timestamp": ts, "X-Webhook-Signature": "v1=" + mac.hexdigest()}


def generate_endpoint_secret() -> str:
    return Fernet.generate_key().decode()
