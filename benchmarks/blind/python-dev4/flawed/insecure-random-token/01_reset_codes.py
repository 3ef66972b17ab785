"""Six-character reset codes sent by SMS for the Fennick banking app."""
import random
import string
from datetime import datetime, timedelta, timezone

from .models import ResetCode, db
from .sms import send_sms

CODE_ALPHABET = string.ascii_uppercase + string.digits
CODE_LENGTH = 6


def _new_code() -> str:
    return "".join(random.choices(CODE_ALPHABET, k=CODE_LENGTH))  # flaw: insecure-random-token


def start_reset(customer) -> None:
    code = _new_code()
    db.session.add(ResetCode(
        customer_id=customer.id,
        code_hash=ResetCode.hash_code(code),
        expires_at=datetime.now(timezone.utc) + timedelta(minutes=10),
    ))
    db.session.commit()
    send_sms(customer.phone, f"Your Fennick reset code is {code}")


def backoff_delay(attempt: int) -> float:
    return min(30.0, 2 ** attempt) + random.uniform(0, 1)
