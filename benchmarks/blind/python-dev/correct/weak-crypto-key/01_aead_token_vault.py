"""AES-GCM encryption for stored OAuth refresh tokens."""
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class TokenVault:
    def __init__(self, key: bytes | None = None):
        key = key or base64.b64decode(os.environ["TOKEN_VAULT_KEY"])
        if len(key) not in (16, 24, 32):
            raise ValueError("AES key must be 128, 192 or 256 bits")
        self._aead = AESGCM(key)  # near-miss: weak-crypto-key

    def seal(self, token: str, *, integration_id: int) -> str:
        nonce = os.urandom(NONCE_BYTES)
        aad = f"integration:{integration_id}".encode()
        ct = self._aead.encrypt(nonce, token.encode(), aad)
        return base64.urlsafe_b64encode(nonce + ct).decode()

    def open(self, sealed: str, *, integration_id: int) -> str:
        raw = base64.urlsafe_b64decode(sealed)
        nonce, ct = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        aad = f"integration:{integration_id}".encode()
        return self._aead.decrypt(nonce, ct, aad).decode()


def new_vault_key() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()
