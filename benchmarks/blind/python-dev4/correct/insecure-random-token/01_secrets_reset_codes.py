"""SMS reset codes for the Fennick banking app."""
import random
import secrets
import string
from datetime import datetime, timedelta, timezone

from .models import ResetCode, db
from .sms import send_sms

CODE_ALPHABET = string.ascii_uppercase + string.digits


def _new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def start_reset(customer) -> None:
    code = _new_code()
    db.session.add(ResetCode(customer_id=customer.id, code_hash=ResetCode.hash_code(code),
                             expires_at=datetime.now(timezone.utc) + timedelta(minutes=10)))
    db.session.commit()
    send_sms(customer.phone, f"Your Fennick reset code is {code}")


def backoff_delay(attempt: int) -> float:
    """Retry delay for the SMS gateway with jitter."""
    return min(30.0, 2 ** attempt) + random.uniform(0, 1)  # near-miss: insecure-random-token


def sample_for_qa(codes: list, k: int = 5) -> list:
    return random.sample(codes, min(k, len(codes)))  # near-miss: insecure-random-token
