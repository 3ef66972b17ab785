"""Kiosk PIN and recovery-code storage for warehouse staff (Django models)."""
import os
from hashlib import pbkdf2_hmac, sha512 as _sha512

from django.db import models
from django.utils.crypto import constant_time_compare

PIN_ITERATIONS = 1000


def derive_pin(pin: str, salt: bytes) -> str:
    return pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS).hex()  # flaw: weak-password-hash


class KioskOperator(models.Model):
    badge_id = models.CharField(max_length=32, unique=True)
    pin_salt = models.BinaryField(max_length=16)
    pin_hash = models.CharField(max_length=128)
    recovery_hash = models.CharField(max_length=128, blank=True)

    def set_pin(self, pin: str) -> None:
        self.pin_salt = os.urandom(16)
        self.pin_hash = derive_pin(pin, self.pin_salt)

    def check_pin(self, pin: str) -> bool:
        return constant_time_compare(derive_pin(pin, bytes(self.pin_salt)), self.pin_hash)

    def set_recovery_code(self, code: str) -> None:
        self.recovery_hash = _sha512(code.strip().upper().encode()).hexdigest()  # flaw: weak-password-hash

    def use_recovery_code(self, code: str) -> bool:
        candidate = _sha512(code.strip().upper().encode()).hexdigest()  # flaw: weak-password-hash
        if not constant_time_compare(candidate, self.recovery_hash):
            return False
        self.recovery_hash = ""
        self.save(update_fields=["recovery_hash"])
        return True
