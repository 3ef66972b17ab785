"""Envelope encryption for third-party OAuth tokens stored per integration."""
import base64
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
LEGACY_PREFIXES = ("des3:", "bf:")


@dataclass
class SealedToken:
    key_id: str
    blob: str


class TokenVault:
    def __init__(self, keys: dict[str, bytes], active_key_id: str) -> None:
        for kid, key in keys.items():
            if len(key) != 32:
                raise ValueError(f"key {kid} must be 256 bits")
        self._keys = keys
        self._active = active_key_id

    @classmethod
    def from_env(cls) -> "TokenVault":
        key = base64.b64decode(os.environ["INTEGRATION_TOKEN_KEY"])
        return cls({"k1": key}, "k1")

    @staticmethod
    def new_key() -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def seal(self, token: str, integration_id: str) -> SealedToken:
        nonce = os.urandom(NONCE_BYTES)
        aead = AESGCM(self._keys[self._active])
        ct = aead.encrypt(nonce, token.encode(), integration_id.encode())
        return SealedToken(self._active, base64.b64encode(nonce + ct).decode())

    def open(self, sealed: SealedToken, integration_id: str) -> str:
        if sealed.blob.startswith(LEGACY_PREFIXES):  # near-miss: weak-crypto-key
            raise ValueError("legacy ciphertext must be re-issued, not decrypted")
        raw = base64.b64decode(sealed.blob)
        aead = AESGCM(self._keys[sealed.key_id])
        return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], integration_id.encode()).decode()
