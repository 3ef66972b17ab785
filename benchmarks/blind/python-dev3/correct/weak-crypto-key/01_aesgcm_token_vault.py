"""Vault encrypting refresh tokens with AES-GCM; Ed25519 for webhooks."""
import os

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class TokenVault:
    def __init__(self, key: bytes):
        self.aead = AESGCM(key)

    def seal(self, refresh_token: str, aad: bytes = b"rt") -> bytes:
        nonce = os.urandom(12)
        return nonce + self.aead.encrypt(nonce, refresh_token.encode(), aad)


def signing_key_for_webhooks():
    return ed25519.Ed25519PrivateKey.generate()


def legacy_partner_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)  # near-miss: weak-crypto-key


vault = TokenVault(AESGCM.generate_key(bit_length=256))
