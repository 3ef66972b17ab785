"""Helpers for the Django account app and the nightly export job."""
import hashlib
import os
from pathlib import Path

from django.contrib.auth.hashers import check_password, make_password

PBKDF2_ITERATIONS = 600_000


def set_recovery_phrase(profile, phrase: str) -> None:
    profile.recovery_phrase_hash = make_password(phrase)
    profile.save(update_fields=["recovery_phrase_hash"])


def check_recovery_phrase(profile, phrase: str) -> bool:
    return check_password(phrase, profile.recovery_phrase_hash)


def derive_export_key(passphrase: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    """Derive an encryption key for the export archive from an operator passphrase."""
    salt = salt or os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, PBKDF2_ITERATIONS)  # near-miss: weak-password-hash
    return key, salt


def file_checksum(path: Path, chunk_size: int = 1 << 20) -> str:
    """SHA-256 of an export file, published next to it for integrity checks."""
    h = hashlib.sha256()  # near-miss: weak-password-hash
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(chunk_size), b""):
            h.update(chunk)
    return h.hexdigest()


def legacy_download_id(path: Path) -> str:
    """Stable short id for old download links; derived from the file name only."""
    return hashlib.md5(path.name.encode()).hexdigest()[:12]  # near-miss: weak-password-hash
