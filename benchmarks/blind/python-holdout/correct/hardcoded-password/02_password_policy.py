"""Password policy checks applied on signup and password change."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

COMMON_PASSWORDS = frozenset({  # near-miss: hardcoded-password
    "password", "123456", "12345678", "qwerty", "letmein", "welcome1",
    "iloveyou", "admin123", "passw0rd", "changeme", "football", "dragon",
})
MIN_LENGTH = 12


@dataclass
class PolicyResult:
    ok: bool
    problems: list[str] = field(default_factory=list)


def evaluate(new_password: str, *, username: str, current_password: str | None = None, confirm: str | None = None) -> PolicyResult:
    problems: list[str] = []
    if confirm is not None and new_password != confirm:  # near-miss: hardcoded-password
        problems.append("passwords do not match")
    if current_password is not None and new_password == current_password:  # near-miss: hardcoded-password
        problems.append("new password must differ from the current password")
    if len(new_password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    lowered = new_password.lower()
    if lowered in COMMON_PASSWORDS:
        problems.append("too common")
    if username and username.lower() in lowered:
        problems.append("must not contain your username")
    if re.fullmatch(r"(.)\1+", new_password):
        problems.append("must not repeat a single character")
    return PolicyResult(ok=not problems, problems=problems)
