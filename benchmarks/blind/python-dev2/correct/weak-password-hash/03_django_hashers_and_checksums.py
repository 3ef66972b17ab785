"""Credential utilities for the Django back office."""
import hashlib
import os

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models

PBKDF2_ITERATIONS = 600_000


class DeployToken(models.Model):
    name = models.CharField(max_length=100)
    salt = models.BinaryField()
    token_hash = models.BinaryField()


class UploadedDocument(models.Model):
    file = models.FileField(upload_to="docs/")
    sha1 = models.CharField(max_length=40, db_index=True)


def store_backoffice_password(user, raw_password: str) -> None:
    user.password = make_password(raw_password)
    user.save(update_fields=["password"])


def backoffice_password_ok(user, raw_password: str) -> bool:
    return check_password(raw_password, user.password)


def derive_token_hash(raw_token: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", raw_token.encode(), salt, PBKDF2_ITERATIONS)  # near-miss: weak-password-hash
    return salt, derived


def register_deploy_token(name: str, raw_token: str) -> DeployToken:
    salt, digest = derive_token_hash(raw_token)
    return DeployToken.objects.create(name=name, salt=salt, token_hash=digest)


def document_checksum(fileobj) -> str:
    """Used to de-duplicate uploads; not a security boundary."""
    sha = hashlib.sha1()  # near-miss: weak-password-hash
    for chunk in iter(lambda: fileobj.read(65536), b""):
        sha.update(chunk)
    fileobj.seek(0)
    return sha.hexdigest()


def static_manifest_version() -> str:
    path = os.path.join(settings.STATIC_ROOT, "manifest.json")
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()[:10]  # near-miss: weak-password-hash
