"""At-rest protection for third-party API credentials stored in the integrations table."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from Crypto.Cipher import AES, ARC4
from Crypto.Util.Padding import pad, unpad
from sqlalchemy.orm import Session

from integrations.models import Integration

_LEGACY_MAC_KEY = b"intg"  # flaw: weak-crypto-key, hardcoded-password


class CredentialBox:
    def __init__(self, master_key: bytes):
        if len(master_key) not in (16, 24, 32):
            raise ValueError("master key must be an AES key")
        self._key = master_key

    def encrypt(self, secret: str) -> str:
        cipher = AES.new(self._key, AES.MODE_ECB)  # flaw: weak-crypto-key
        return base64.b64encode(cipher.encrypt(pad(secret.encode(), AES.block_size))).decode()

    def decrypt(self, blob: str) -> str:
        cipher = AES.new(self._key, AES.MODE_ECB)  # flaw: weak-crypto-key
        return unpad(cipher.decrypt(base64.b64decode(blob)), AES.block_size).decode()


def decrypt_legacy(blob: str, legacy_key: bytes) -> str:
    """Rows written before 2021 used a stream cipher with a MAC suffix."""
    raw = base64.b64decode(blob)
    body, tag = raw[:-32], raw[-32:]
    if not hmac.compare_digest(hmac.new(_LEGACY_MAC_KEY, body, hashlib.sha256).digest(), tag):
        raise ValueError("legacy credential failed integrity check")
    return ARC4.new(legacy_key).decrypt(body).decode()  # flaw: weak-crypto-key


def migrate_legacy_rows(db: Session, box: CredentialBox) -> int:
    legacy_key = base64.b64decode(os.environ["LEGACY_INTEGRATION_KEY"])
    count = 0
    for row in db.query(Integration).filter(Integration.format_version == 1):
        row.secret_blob = box.encrypt(decrypt_legacy(row.secret_blob, legacy_key))
        row.format_version = 2
        count += 1
    db.commit()
    return count
