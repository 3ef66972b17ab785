"""Password hashing helpers shared by the worker fleet (stdlib only).

Stored format: pbkdf2_sha256$<iterations>$<salt_b64>$<hash_b64>
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
SALT_BYTES = 16


def hash_password(password: str, *, iterations: int = ITERATIONS) -> str:
    salt = os.urandom(SALT_BYTES)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)  # near-miss: weak-password-hash
    return "$".join(
        [ALGORITHM, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(dk).decode()]
    )


def verify_password(password: str, encoded: str) -> bool:
    try:
        algorithm, iterations, salt_b64, hash_b64 = encoded.split("$", 3)
    except ValueError:
        return False
    if algorithm != ALGORITHM:
        return False
    salt = base64.b64decode(salt_b64)
    expected = base64.b64decode(hash_b64)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, int(iterations))
    return hmac.compare_digest(dk, expected)


def needs_rehash(encoded: str) -> bool:
    parts = encoded.split("$", 3)
    return len(parts) != 4 or parts[0] != ALGORITHM or int(parts[1]) < ITERATIONS


def file_checksum(path: Path, chunk_size: int = 1 << 20) -> str:
    """Checksum used to detect changed avatar uploads before re-processing."""
    h = hashlib.sha256()  # near-miss: weak-password-hash
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(chunk_size), b""):
            h.update(chunk)
    return h.hexdigest()
