"""Encryption helpers for the SSO bridge cookie and stored SMTP credentials."""
import hashlib
import hmac
import os

from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4, Blowfish
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BRIDGE_KEY = bytes.fromhex(os.environ["SSO_BRIDGE_KEY"])
CRED_KEY = bytes.fromhex(os.environ["CRED_STORE_KEY"])


def encrypt_bridge_cookie(payload: bytes) -> bytes:
    """Stream-encrypt the bridge cookie and append an HMAC tag."""
    encryptor = Cipher(ARC4(BRIDGE_KEY), mode=None).encryptor()  # flaw: weak-crypto-key
    body = encryptor.update(payload) + encryptor.finalize()
    tag = hmac.new(BRIDGE_KEY, body, hashlib.sha256).digest()
    return body + tag


def decrypt_bridge_cookie(blob: bytes) -> bytes | None:
    body, tag = blob[:-32], blob[-32:]
    if not hmac.compare_digest(tag, hmac.new(BRIDGE_KEY, body, hashlib.sha256).digest()):
        return None
    decryptor = Cipher(ARC4(BRIDGE_KEY), mode=None).decryptor()  # flaw: weak-crypto-key
    return decryptor.update(body) + decryptor.finalize()


def encrypt_smtp_password(password: str) -> bytes:
    iv = os.urandom(8)
    data = password.encode()
    data += b"\x00" * (-len(data) % 8)
    enc = Cipher(Blowfish(CRED_KEY), modes.CBC(iv)).encryptor()  # flaw: weak-crypto-key
    return iv + enc.update(data) + enc.finalize()
