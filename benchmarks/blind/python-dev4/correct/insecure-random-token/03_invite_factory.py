"""Invite codes for the Larchmere beta, generated with SystemRandom."""
import random
from dataclasses import dataclass, field

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class InviteCodeFactory:
    length: int = 12
    _rng: random.SystemRandom = field(default_factory=random.SystemRandom)  # near-miss: insecure-random-token

    def generate(self) -> str:
        return "".join(self._rng.choice(ALPHABET) for _ in range(self.length))

    def batch(self, count: int) -> list[str]:
        seen: set[str] = set()
        while len(seen) < count:
            seen.add(self.generate())
        return sorted(seen)


def shuffled_waitlist(emails: list[str], seed: int) -> list[str]:
    """Deterministic ordering for the public waitlist page."""
    order = list(emails)
    random.Random(seed).shuffle(order)  # near-miss: insecure-random-token
    return order
