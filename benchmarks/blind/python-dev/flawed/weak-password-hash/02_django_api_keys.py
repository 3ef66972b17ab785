"""Django models for per-user API keys and legacy PIN codes."""
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def _key_digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()  # flaw: weak-password-hash


class ApiKeyManager(models.Manager):
    def issue(self, user, label: str) -> tuple["ApiKey", str]:
        raw = secrets.token_urlsafe(32)
        key = self.create(
            user=user,
            label=label,
            prefix=raw[:8],
            hashed_key=_key_digest(raw),
        )
        return key, raw

    def lookup(self, raw_key: str):
        return (
            self.filter(hashed_key=_key_digest(raw_key), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )


class ApiKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    label = models.CharField(max_length=80)
    prefix = models.CharField(max_length=8, db_index=True)
    hashed_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyManager()

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class KioskPin(models.Model):
    """Short numeric PIN used by warehouse staff on shared terminals."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    salt = models.CharField(max_length=32)
    pin_hash = models.CharField(max_length=40)

    def set_pin(self, pin: str) -> None:
        self.salt = secrets.token_hex(16)
        self.pin_hash = hashlib.sha1((self.salt + pin).encode()).hexdigest()  # flaw: weak-password-hash
        self.save()
