"""One-time passcodes for step-up verification."""
import asyncio
import hmac
import random
import secrets
import time

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

router = APIRouter(prefix="/otp")

OTP_DIGITS = 6
OTP_TTL_SECONDS = 300


class OtpStore:
    def __init__(self):
        self._codes: dict[int, tuple[str, float]] = {}

    def put(self, user_id: int, code: str) -> None:
        self._codes[user_id] = (code, time.monotonic() + OTP_TTL_SECONDS)  # near-miss: insecure-random-token

    def pop(self, user_id: int) -> tuple[str, float] | None:
        return self._codes.pop(user_id, None)


_store = OtpStore()


def get_store() -> OtpStore:
    return _store


def generate_code(digits: int = OTP_DIGITS) -> str:
    return str(secrets.randbelow(10 ** digits)).zfill(digits)


async def _send_with_retry(sender, phone: str, text: str, attempts: int = 3) -> None:
    for attempt in range(attempts):
        try:
            await sender.send(phone, text)
            return
        except ConnectionError:
            backoff = (2 ** attempt) + random.uniform(0, 0.5)  # near-miss: insecure-random-token
            await asyncio.sleep(backoff)
    raise HTTPException(503, "sms provider unavailable")


class VerifyBody(BaseModel):
    user_id: int
    code: str


@router.post("/send/{user_id}")
async def send_code(user_id: int, phone: str, store: OtpStore = Depends(get_store)):
    code = generate_code()
    store.put(user_id, code)
    await _send_with_retry(router.sms_sender, phone, f"Your code: {code}")
    return {"sent": True}


@router.post("/verify")
async def verify_code(body: VerifyBody, store: OtpStore = Depends(get_store)):
    entry = store.pop(body.user_id)
    if entry is None or entry[1] < time.monotonic():
        raise HTTPException(400, "code expired")
    if not hmac.compare_digest(body.code.encode(), entry[0].encode()):
        raise HTTPException(400, "invalid code")
    return {"verified": True}
