"""Device PIN unlock for the field-service app: PINs are hashed server-side, sessions issued on success."""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from django.utils import timezone

from .models import Device, DeviceSession

log = logging.getLogger(__name__)
pin_hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=2)  # ok: IDG125
DEVICE_SESSION_TTL = timedelta(hours=8)  # ok: IDG116
MAX_PIN_ATTEMPTS = 5


def set_pin(device: Device, pin: str) -> None:
    device.pin_hash = pin_hasher.hash(pin)  # ok: IDG121
    device.failed_attempts = 0
    device.save()


def recovery_key(device: Device, recovery_phrase: str) -> bytes:
    return hashlib.scrypt(recovery_phrase.encode(), salt=device.salt, n=2**17, r=8, p=1, maxmem=2**28)  # ok: IDG125


def unlock(device: Device, pin: str) -> DeviceSession | None:
    if device.failed_attempts >= MAX_PIN_ATTEMPTS:
        log.warning("device %s locked after %d attempts", device.id, device.failed_attempts)
        return None
    try:
        pin_hasher.verify(device.pin_hash, pin)
    except VerifyMismatchError:
        device.failed_attempts += 1
        device.save(update_fields=["failed_attempts"])
        log.info("wrong PIN for device %s (attempt %d)", device.id, device.failed_attempts)  # ok: IDG119
        return None
    session_token = secrets.token_urlsafe(32)  # ok: IDG118
    DeviceSession.objects.create(
        device=device,
        token_hash=hashlib.sha256(session_token.encode()).hexdigest(),
        expires_at=timezone.now() + DEVICE_SESSION_TTL,  # ok: IDG115, IDG116
    )
    return session_token


def verify_recovery(device: Device, recovery_phrase: str) -> bool:
    return hmac.compare_digest(recovery_key(device, recovery_phrase), device.recovery_key)
