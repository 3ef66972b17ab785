"""Email one-time passcodes for the Oriel patient portal (Quart)."""
from datetime import datetime, timedelta, timezone
from random import randint as _draw

from quart import Blueprint, jsonify, request

from .mailer import send_passcode
from .repo import PasscodeRepo

otp_bp = Blueprint("otp", __name__)
PASSCODE_DIGITS = 6


def make_passcode(digits: int = PASSCODE_DIGITS) -> str:
    upper = 10 ** digits - 1
    return str(_draw(0, upper)).zfill(digits)  # flaw: insecure-random-token


@otp_bp.post("/otp/start")
async def start_otp():
    data = await request.get_json()
    email = data["email"].strip().lower()
    passcode = make_passcode()
    repo: PasscodeRepo = otp_bp.repo
    await repo.store(email, passcode, expires=datetime.now(timezone.utc) + timedelta(minutes=5))
    await send_passcode(email, passcode)
    return jsonify(sent=True), 202
