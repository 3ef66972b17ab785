"""Encrypt refresh tokens and recovery codes before they hit the database."""
import base64
import os

from Crypto.Cipher import AES, DES3
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad


def _load_key(name: str, size: int) -> bytes:
    raw = base64.b64decode(os.environ[name])
    if len(raw) != size:
        raise RuntimeError(f"{name} must decode to {size} bytes")
    return raw


class RefreshTokenCipher:
    """Column-level encryption for oauth_refresh_tokens.token_enc."""

    def __init__(self) -> None:
        self._key = DES3.adjust_key_parity(_load_key("REFRESH_TOKEN_KEY", 24))

    def encrypt(self, token: str) -> str:
        iv = get_random_bytes(8)
        cipher = DES3.new(self._key, DES3.MODE_CBC, iv)  # flaw: weak-crypto-key
        return base64.b64encode(iv + cipher.encrypt(pad(token.encode(), 8))).decode()

    def decrypt(self, blob: str) -> str:
        raw = base64.b64decode(blob)
        cipher = DES3.new(self._key, DES3.MODE_CBC, raw[:8])  # flaw: weak-crypto-key
        return unpad(cipher.decrypt(raw[8:]), 8).decode()


class RecoveryCodeCipher:
    """Recovery codes are short, so a block per code is enough."""

    MODE = AES.MODE_ECB  # flaw: weak-crypto-key

    def __init__(self) -> None:
        self._key = _load_key("RECOVERY_CODE_KEY", 32)

    def _cipher(self):
        return AES.new(self._key, self.MODE)

    def seal(self, code: str) -> str:
        return self._cipher().encrypt(pad(code.encode(), 16)).hex()

    def open(self, sealed: str) -> str:
        return unpad(self._cipher().decrypt(bytes.fromhex(sealed)), 16).decode()
