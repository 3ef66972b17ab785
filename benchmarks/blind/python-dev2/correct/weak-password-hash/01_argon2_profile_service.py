"""Account credentials and public profile helpers."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


@dataclass
class Account:
    id: int
    email: str
    password_hash: str = ""
    avatar_bytes: bytes = b""
    tags: list[str] = field(default_factory=list)


def set_password(account: Account, raw_password: str) -> None:
    account.password_hash = _hasher.hash(raw_password)


def verify_password(account: Account, candidate: str) -> bool:
    try:
        _hasher.verify(account.password_hash, candidate)
    except (VerifyMismatchError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(candidate)
    return True


def gravatar_url(account: Account, size: int = 80) -> str:
    """Gravatar addresses are keyed by the md5 of the normalised e-mail."""
    email_hash = hashlib.md5(account.email.strip().lower().encode()).hexdigest()  # near-miss: weak-password-hash
    return f"https://www.gravatar.com/avatar/{email_hash}?s={size}&d=identicon"


def avatar_etag(account: Account) -> str:
    digest = hashlib.sha256(account.avatar_bytes).hexdigest()  # near-miss: weak-password-hash
    return f'W/"{digest[:16]}"'


def profile_cache_key(account: Account) -> str:
    raw = f"profile:{account.id}:{','.join(sorted(account.tags))}"
    return "acct:" + hashlib.sha1(raw.encode()).hexdigest()  # near-miss: weak-password-hash
