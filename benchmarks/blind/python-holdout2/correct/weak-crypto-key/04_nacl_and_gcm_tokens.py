"""Encrypted remember-device tokens and audit-log signing for the mobile backend."""
import base64
import json
import os
import time

import nacl.secret
import nacl.signing
import nacl.utils
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

DEVICE_TOKEN_KEY = bytes.fromhex(os.environ["DEVICE_TOKEN_KEY"])
_box = nacl.secret.SecretBox(DEVICE_TOKEN_KEY)  # near-miss: weak-crypto-key


def seal_device_token(user_id: int, device_id: str) -> str:
    body = json.dumps({"u": user_id, "d": device_id, "t": int(time.time())}).encode()
    return base64.urlsafe_b64encode(_box.encrypt(body)).decode()


def open_device_token(token: str) -> dict:
    return json.loads(_box.decrypt(base64.urlsafe_b64decode(token)))


class AuditSigner:
    def __init__(self, seed: bytes | None = None):
        self._key = nacl.signing.SigningKey(seed) if seed else nacl.signing.SigningKey.generate()

    def sign(self, record: dict) -> str:
        blob = json.dumps(record, sort_keys=True).encode()
        return base64.b64encode(self._key.sign(blob).signature).decode()


class LegacyAuditSigner:
    """P-256 signer for consumers that cannot verify Ed25519."""

    def __init__(self):
        self._key = ec.generate_private_key(ec.SECP256R1())  # near-miss: weak-crypto-key

    def sign(self, record: dict) -> str:
        blob = json.dumps(record, sort_keys=True).encode()
        return base64.b64encode(self._key.sign(blob, ec.ECDSA(hashes.SHA256()))).decode()
