"""Password hashing helpers shared by the FastAPI auth service.

bcrypt truncates input at 72 bytes, so long passphrases are pre-hashed with
SHA-256 and base64-encoded before being handed to bcrypt.
"""
import base64
import hashlib

import bcrypt

BCRYPT_ROUNDS = 12


def _prehash(password: str) -> bytes:
    digest = hashlib.sha256(password.encode("utf-8")).digest()  # near-miss: weak-password-hash
    return base64.b64encode(digest)


def hash_password(password: str) -> str:
    salt = bcrypt.gensalt(rounds=BCRYPT_ROUNDS)
    return bcrypt.hashpw(_prehash(password), salt).decode("ascii")


def verify_password(password: str, stored_hash: str) -> bool:
    try:
        return bcrypt.checkpw(_prehash(password), stored_hash.encode("ascii"))
    except ValueError:
        # malformed hash in the database; treat as a failed login
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the stored hash was produced with fewer rounds than today."""
    try:
        rounds = int(stored_hash.split("$")[2])
    except (IndexError, ValueError):
        return True
    return rounds < BCRYPT_ROUNDS
