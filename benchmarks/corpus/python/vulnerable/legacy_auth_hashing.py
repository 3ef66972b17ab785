"""Password hashing helpers shared by the admin console and the support tool."""

import base64
import hashlib
import hmac
import os

import bcrypt

PBKDF2_ROUNDS = 50_000


def hash_admin_password(password: str) -> str:
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  # expect: IDG122
    return base64.b64encode(salt + derived).decode()


def verify_admin_password(password: str, stored: str) -> bool:
    raw = base64.b64decode(stored)
    salt, expected = raw[:16], raw[16:]
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  # expect: IDG122
    return hmac.compare_digest(derived, expected)


def hash_support_password(password: str) -> bytes:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(5))  # expect: IDG123
