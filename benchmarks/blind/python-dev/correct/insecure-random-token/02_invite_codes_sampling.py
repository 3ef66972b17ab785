"""Invitation codes and sign-up analytics sampling (Django)."""
import random
from datetime import timedelta
from secrets import SystemRandom, token_hex

from django.db import transaction
from django.utils import timezone

from teams.models import Invitation, SignupEvent

_sysrand = SystemRandom()
ANALYTICS_SAMPLE_RATE = 0.05
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def human_invite_code(groups: int = 3, size: int = 4) -> str:
    """Codes like 7KQ2-MZ8P-X4TR that are easy to read aloud."""
    return "-".join(
        "".join(_sysrand.choice(INVITE_ALPHABET) for _ in range(size))  # near-miss: insecure-random-token
        for _ in range(groups)
    )


@transaction.atomic
def invite(team, email: str, inviter) -> Invitation:
    return Invitation.objects.create(
        team=team,
        email=email.lower(),
        code=human_invite_code(),
        link_token=token_hex(24),
        inviter=inviter,
        expires_at=timezone.now() + timedelta(days=2),
    )


def record_signup(user, source: str) -> None:
    if random.random() < ANALYTICS_SAMPLE_RATE:  # near-miss: insecure-random-token
        SignupEvent.objects.create(user=user, source=source)


def pick_onboarding_variant(user_id: int) -> str:
    variants = ["checklist", "video", "tour"]
    return random.Random(user_id).choice(variants)  # near-miss: insecure-random-token
