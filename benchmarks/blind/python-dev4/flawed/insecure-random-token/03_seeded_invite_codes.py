"""Invite code generator for the Larchmere beta programme."""
import random
import time
from dataclasses import dataclass, field

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class InviteCodeFactory:
    length: int = 10
    _rng: random.Random = field(default_factory=lambda: random.Random(time.time_ns()))  # flaw: insecure-random-token

    def generate(self) -> str:
        return "".join(self._rng.choice(ALPHABET) for _ in range(self.length))

    def batch(self, count: int) -> list[str]:
        seen: set[str] = set()
        while len(seen) < count:
            seen.add(self.generate())
        return sorted(seen)


def issue_beta_invites(repo, campaign_id: int, count: int) -> list[str]:
    factory = InviteCodeFactory()
    codes = factory.batch(count)
    repo.bulk_insert(campaign_id, codes)
    return codes
