"""Encrypts opaque refresh tokens before they are stored in the sessions table."""
import base64
import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TOKEN_KEY = bytes.fromhex(os.environ["REFRESH_TOKEN_KEY"])  # 32 bytes


class RefreshTokenCipher:
    nonce_len = 12

    def __init__(self, key: bytes = TOKEN_KEY):
        self._aead = AESGCM(key)

    def seal(self, token: str, session_id: str) -> str:
        nonce = os.urandom(self.nonce_len)
        ct = self._aead.encrypt(nonce, token.encode(), session_id.encode())  # near-miss: weak-crypto-key
        return base64.urlsafe_b64encode(nonce + ct).decode()

    def open(self, sealed: str, session_id: str) -> str:
        raw = base64.urlsafe_b64decode(sealed)
        nonce, ct = raw[: self.nonce_len], raw[self.nonce_len:]
        return self._aead.decrypt(nonce, ct, session_id.encode()).decode()


def key_id(key: bytes = TOKEN_KEY) -> str:
    """Short identifier for logs / rotation bookkeeping."""
    return hashlib.sha256(key).hexdigest()[:8]
