"""Encrypted remember-device tokens and audit-log signing for the mobile backend."""
import base64
import json
import os
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.padding import PKCS7

DEVICE_TOKEN_KEY = bytes.fromhex(os.environ["DEVICE_TOKEN_KEY"])
_block = algorithms.AES.block_size


def _aes() -> Cipher:
    return Cipher(algorithms.AES(DEVICE_TOKEN_KEY), modes.ECB())  # flaw: weak-crypto-key


def seal_device_token(user_id: int, device_id: str) -> str:
    body = json.dumps({"u": user_id, "d": device_id, "t": int(time.time())}).encode()
    padder = PKCS7(_block).padder()
    enc = _aes().encryptor()
    ct = enc.update(padder.update(body) + padder.finalize()) + enc.finalize()
    return base64.urlsafe_b64encode(ct).decode()


def open_device_token(token: str) -> dict:
    dec = _aes().decryptor()
    raw = dec.update(base64.urlsafe_b64decode(token)) + dec.finalize()
    unpadder = PKCS7(_block).unpadder()
    return json.loads(unpadder.update(raw) + unpadder.finalize())


class AuditSigner:
    def __init__(self):
        self._key = dsa.generate_private_key(key_size=1024)  # flaw: weak-crypto-key

    def sign(self, record: dict) -> str:
        blob = json.dumps(record, sort_keys=True).encode()
        return base64.b64encode(self._key.sign(blob, hashes.SHA256())).decode()
