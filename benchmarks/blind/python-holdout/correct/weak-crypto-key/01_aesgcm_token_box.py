"""Authenticated encryption for OAuth refresh tokens held on behalf of users."""
from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


def load_key() -> bytes:
    key = base64.b64decode(os.environ["TOKEN_ENCRYPTION_KEY"])
    if len(key) != 32:
        raise RuntimeError("TOKEN_ENCRYPTION_KEY must decode to 32 bytes")
    return key


def new_key() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()  # near-miss: weak-crypto-key


class RefreshTokenBox:
    def __init__(self, key: bytes | None = None):
        self._aead = AESGCM(key or load_key())

    def seal(self, refresh_token: str, *, user_id: int, provider: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        aad = f"{user_id}:{provider}".encode()
        ct = self._aead.encrypt(nonce, refresh_token.encode(), aad)
        return base64.urlsafe_b64encode(nonce + ct).decode()

    def open(self, sealed: str, *, user_id: int, provider: str) -> str:
        raw = base64.urlsafe_b64decode(sealed.encode())
        nonce, ct = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        aad = f"{user_id}:{provider}".encode()
        return self._aead.decrypt(nonce, ct, aad).decode()
