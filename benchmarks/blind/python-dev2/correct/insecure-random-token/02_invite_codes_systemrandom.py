"""Invite-code generation and fixture helpers for the community workspace."""
import random
import string
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

_sysrand = random.SystemRandom()
_CODE_ALPHABET = string.ascii_uppercase + string.digits
_CODE_ALPHABET = "".join(c for c in _CODE_ALPHABET if c not in "0O1I")


@dataclass
class Invite:
    email: str
    code: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)  # near-miss: insecure-random-token
    expires_at: datetime = field(
        default_factory=lambda: datetime.now(timezone.utc) + timedelta(days=3)
    )


def invite_code(groups: int = 3, size: int = 4) -> str:
    """Human-friendly code like K7QX-M2PA-9ZRT, drawn from the OS CSPRNG."""
    parts = ["".join(_sysrand.choice(_CODE_ALPHABET) for _ in range(size)) for _ in range(groups)]  # near-miss: insecure-random-token
    return "-".join(parts)


def create_invite(email: str) -> Invite:
    return Invite(email=email.lower(), code=invite_code())


def sample_for_review(invites: list[Invite], k: int = 20) -> list[Invite]:
    """Pick a handful of pending invites for the weekly moderation review."""
    return random.sample(invites, min(k, len(invites)))  # near-miss: insecure-random-token


def fake_invites(n: int, seed: int = 1234) -> list[Invite]:
    """Deterministic fixtures for UI screenshots and tests."""
    rng = random.Random(seed)  # near-miss: insecure-random-token
    names = ["ada", "grace", "linus", "ken", "barbara", "guido"]
    rng.shuffle(names)
    return [
        Invite(email=f"{names[i % len(names)]}{i}@example.test", code=f"FIXTURE-{i:04d}")
        for i in range(n)
    ]
