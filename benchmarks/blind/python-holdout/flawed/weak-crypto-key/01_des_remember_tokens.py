"""Encrypted remember-me tokens carrying the user id and issue time."""
from __future__ import annotations

import base64
import os
import struct
import time

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad

_KEY = bytes.fromhex(os.environ["REMEMBER_TOKEN_KEY"])[:8]
MAX_AGE = 14 * 24 * 3600


class TokenError(Exception):
    pass


def seal(user_id: int, issued_at: int | None = None) -> str:
    issued_at = int(time.time()) if issued_at is None else issued_at
    plaintext = struct.pack(">QQ", user_id, issued_at)
    cipher = DES.new(_KEY, DES.MODE_ECB)  # flaw: weak-crypto-key
    return base64.urlsafe_b64encode(cipher.encrypt(pad(plaintext, DES.block_size))).decode()


def unseal(token: str) -> int:
    try:
        blob = base64.urlsafe_b64decode(token.encode())
        decryptor = DES.new(_KEY, DES.MODE_ECB)  # flaw: weak-crypto-key
        user_id, issued_at = struct.unpack(">QQ", unpad(decryptor.decrypt(blob), DES.block_size))
    except (ValueError, struct.error) as exc:
        raise TokenError("malformed token") from exc
    if time.time() - issued_at > MAX_AGE:
        raise TokenError("token expired")
    return user_id
