"""One-time passcodes for SMS/email step-up verification."""
from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import time
from dataclasses import dataclass

OTP_DIGITS = 6
OTP_TTL = 300
_sysrand = random.SystemRandom()


@dataclass
class PendingChallenge:
    user_id: int
    code_digest: bytes
    expires_at: float
    attempts: int = 0


class OtpService:
    def __init__(self, store, sender, pepper: bytes):
        self._store = store
        self._sender = sender
        self._pepper = pepper

    def _digest(self, code: str) -> bytes:
        return hmac.new(self._pepper, code.encode(), hashlib.sha256).digest()

    def start(self, user_id: int, destination: str) -> str:
        code = f"{secrets.randbelow(10 ** OTP_DIGITS):0{OTP_DIGITS}d}"
        challenge_id = secrets.token_urlsafe(16)
        self._store.put(
            challenge_id,
            PendingChallenge(user_id, self._digest(code), time.time() + OTP_TTL),
            ttl=OTP_TTL,
        )
        self._sender.send(destination, f"Your verification code is {code}")
        return challenge_id

    def verify(self, challenge_id: str, code: str) -> int | None:
        challenge = self._store.get(challenge_id)
        if challenge is None or challenge.expires_at < time.time():
            return None
        challenge.attempts += 1
        if challenge.attempts > 5:
            self._store.delete(challenge_id)
            return None
        self._store.put(challenge_id, challenge, ttl=OTP_TTL)
        if not hmac.compare_digest(challenge.code_digest, self._digest(code)):
            return None
        self._store.delete(challenge_id)
        return challenge.user_id


def recovery_codes(count: int = 10) -> list[str]:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return ["".join(_sysrand.choice(alphabet) for _ in range(10)) for _ in range(count)]  # near-miss: insecure-random-token
