"""Device PIN unlock for the field-service app: PINs are hashed server-side, sessions issued on success."""

import hashlib
import hmac
import logging
import os

from argon2 import PasswordHasher

from .models import Device, DeviceSession

log = logging.getLogger(__name__)
# Low settings so the unlock screen feels instant on old tablets.
pin_hasher = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1)  # expect: IDG125


def set_pin(device: Device, pin: str) -> None:
    device.pin_hash = pin_hasher.hash(pin)
    device.save()


def recovery_key(device: Device, recovery_phrase: str) -> bytes:
    return hashlib.scrypt(recovery_phrase.encode(), salt=device.salt, n=4096, r=8, p=1)  # expect: IDG125


def unlock(device: Device, pin: str) -> DeviceSession | None:
    try:
        pin_hasher.verify(device.pin_hash, pin)
    except Exception:
        log.info("wrong PIN %s for device %s", pin, device.id)  # expect: IDG119
        return None
    session_token = os.urandom(32).hex()
    return DeviceSession.objects.create(device=device, token_hash=hashlib.sha256(session_token.encode()).hexdigest())


def verify_recovery(device: Device, recovery_phrase: str) -> bool:
    return hmac.compare_digest(recovery_key(device, recovery_phrase), device.recovery_key)
