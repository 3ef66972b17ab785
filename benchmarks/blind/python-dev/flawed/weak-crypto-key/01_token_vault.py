"""Encrypts third-party OAuth refresh tokens before they are stored in Postgres."""
import base64
import os

from Crypto.Cipher import AES, DES3
from Crypto.Util.Padding import pad, unpad

_KEY = base64.b64decode(os.environ["TOKEN_VAULT_KEY"])  # 32 bytes
_LEGACY_KEY = base64.b64decode(os.environ["TOKEN_VAULT_LEGACY_KEY"])  # 24 bytes


class TokenVault:
    """Encrypt/decrypt provider refresh tokens for the integrations table."""

    def __init__(self, key: bytes = _KEY):
        if len(key) != 32:
            raise ValueError("vault key must be 32 bytes")
        self._key = key

    def seal(self, token: str) -> str:
        cipher = AES.new(self._key, AES.MODE_ECB)  # flaw: weak-crypto-key
        return base64.b64encode(cipher.encrypt(pad(token.encode(), AES.block_size))).decode()

    def open(self, sealed: str) -> str:
        cipher = AES.new(self._key, AES.MODE_ECB)  # flaw: weak-crypto-key
        return unpad(cipher.decrypt(base64.b64decode(sealed)), AES.block_size).decode()


def seal_legacy(token: str) -> str:
    """Still used by the reporting exporter, which only understands the old format."""
    iv = os.urandom(8)
    cipher = DES3.new(_LEGACY_KEY, DES3.MODE_CBC, iv=iv)  # flaw: weak-crypto-key
    return base64.b64encode(iv + cipher.encrypt(pad(token.encode(), DES3.block_size))).decode()
