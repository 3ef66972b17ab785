"""Password policy checks used by the signup and reset forms."""
import enum
import os
from dataclasses import dataclass

import redis

COMMON_PASSWORDS = frozenset({"password", "123456", "qwerty", "letmein", "admin123", "welcome1"})  # near-miss: hardcoded-password
MIN_LENGTH = 12


class CredentialKind(enum.Enum):
    PASSWORD = "password"  # near-miss: hardcoded-password
    API_KEY = "api_key"
    PASSKEY = "passkey"


@dataclass
class PolicyResult:
    ok: bool
    reason: str | None = None


def check_password(candidate: str, username: str) -> PolicyResult:
    if len(candidate) < MIN_LENGTH:
        return PolicyResult(False, f"must be at least {MIN_LENGTH} characters")
    if candidate.lower() in COMMON_PASSWORDS:
        return PolicyResult(False, "too common")
    if username.lower() in candidate.lower():
        return PolicyResult(False, "must not contain your username")
    return PolicyResult(True)


def breach_cache() -> redis.Redis:
    return redis.Redis(
        host=os.environ.get("REDIS_HOST", "localhost"),
        password=os.environ.get("REDIS_PASSWORD"),  # near-miss: hardcoded-password
        db=5,
    )


EXAMPLE_CONFIG = """
# settings.toml
[smtp]
password = "<your-smtp-password>"
"""
