"""Small factory for the various opaque credentials the platform hands out.

Used by the admin console, the onboarding service and the partner portal.
"""
from __future__ import annotations

import hashlib
import random
import string
import time
from dataclasses import dataclass, field

_rng = random.Random()
_INVITE_ALPHABET = string.ascii_uppercase + string.digits


@dataclass(frozen=True)
class IssuedKey:
    key_id: str
    secret: str
    created: float = field(default_factory=time.time)

    @property
    def display(self) -> str:
        return f"{self.key_id}.{self.secret[:4]}…"


def generate_api_key(prefix: str = "pk") -> IssuedKey:
    key_id = f"{prefix}_{int(time.time()):x}"
    secret = "%032x" % _rng.getrandbits(128)  # flaw: insecure-random-token
    return IssuedKey(key_id=key_id, secret=secret)


def generate_invite_code(groups: int = 3, size: int = 4) -> str:
    chars = [_rng.choice(_INVITE_ALPHABET) for _ in range(groups * size)]  # flaw: insecure-random-token
    return "-".join("".join(chars[i:i + size]) for i in range(0, len(chars), size))


def generate_email_verification_token(user_id: int) -> str:
    return hashlib.sha256(f"{user_id}:{time.time_ns()}".encode()).hexdigest()  # flaw: insecure-random-token


def shuffle_backup_codes(codes: list[str]) -> list[str]:
    ordered = list(codes)
    _rng.shuffle(ordered)
    return ordered
