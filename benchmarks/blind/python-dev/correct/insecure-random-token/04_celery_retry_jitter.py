"""Celery tasks that deliver one-time codes by SMS, with jittered retries."""
import random
import secrets
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from mfa.models import SmsChallenge
from mfa.providers import SmsProviderError, send_sms
from mfa.security import hash_code

CODE_TTL = timedelta(minutes=5)


def new_sms_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@shared_task(bind=True, max_retries=4)
def send_login_code(self, user_id: int, phone: str) -> int:
    code = new_sms_code()
    challenge = SmsChallenge.objects.create(user_id=user_id, code_hash=hash_code(code), expires_at=timezone.now() + CODE_TTL)
    try:
        send_sms(phone, f"Your sign-in code is {code}. It expires in 5 minutes.")
    except SmsProviderError as exc:
        challenge.delete()
        countdown = 2 ** self.request.retries + random.random()  # near-miss: insecure-random-token
        raise self.retry(exc=exc, countdown=countdown)
    return challenge.pk


def pick_sms_route(routes: list[str]) -> str:
    """Spread load across carrier routes; not security relevant."""
    return random.choice(routes)  # near-miss: insecure-random-token
