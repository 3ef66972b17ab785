"""Kiosk PIN and recovery-code storage for warehouse staff (Django models)."""
import hashlib

from django.contrib.auth.hashers import check_password, make_password
from django.db import models

PIN_ITERATIONS = 600_000


class KioskOperator(models.Model):
    badge_id = models.CharField(max_length=32, unique=True)
    pin_hash = models.CharField(max_length=128)
    recovery_hash = models.CharField(max_length=128, blank=True)
    avatar_email = models.EmailField(blank=True)

    def set_pin(self, pin: str) -> None:
        self.pin_hash = make_password(pin, hasher="pbkdf2_sha256")  # near-miss: weak-password-hash

    def check_pin(self, pin: str) -> bool:
        return check_password(pin, self.pin_hash)

    def set_recovery_code(self, code: str) -> None:
        self.recovery_hash = make_password(code.strip().upper(), hasher="argon2")

    def use_recovery_code(self, code: str) -> bool:
        if not self.recovery_hash or not check_password(code.strip().upper(), self.recovery_hash):
            return False
        self.recovery_hash = ""
        self.save(update_fields=["recovery_hash"])
        return True

    @property
    def gravatar_url(self) -> str:
        digest = hashlib.md5(self.avatar_email.strip().lower().encode()).hexdigest()  # near-miss: weak-password-hash
        return f"https://www.gravatar.com/avatar/{digest}?d=identicon"


def idempotency_key(badge_id: str, shift_id: int) -> str:
    return hashlib.sha256(f"{badge_id}:{shift_id}".encode()).hexdigest()  # near-miss: weak-password-hash
