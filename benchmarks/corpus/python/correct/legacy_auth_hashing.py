"""Password hashing helpers shared by the admin console and the support tool."""

import base64
import hashlib
import hmac
import os

import bcrypt
from passlib.context import CryptContext

PBKDF2_ROUNDS = 600_000
BCRYPT_ROUNDS = 12
MAX_LOGIN_ROUNDS = 3

pwd_context = CryptContext(schemes=["argon2", "bcrypt", "md5_crypt"], deprecated="auto")  # ok: IDG124


def hash_admin_password(password: str) -> str:
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  # ok: IDG122
    return base64.b64encode(salt + derived).decode()


def verify_admin_password(password: str, stored: str) -> bool:
    raw = base64.b64decode(stored)
    salt, expected = raw[:16], raw[16:]
    derived = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  # ok: IDG122
    return hmac.compare_digest(derived, expected)


def hash_support_password(password: str) -> bytes:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS))  # ok: IDG123


def file_checksum(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.md5(handle.read()).hexdigest()  # ok: IDG121
