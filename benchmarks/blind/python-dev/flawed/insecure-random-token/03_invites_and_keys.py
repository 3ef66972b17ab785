"""Team invitation codes and CLI API keys for the analytics backend."""
import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from random import Random

from sqlalchemy.orm import Session

from analytics.models import ApiKey, Invitation
from analytics.security import hash_api_key

INVITE_TTL = timedelta(days=3)
_rng = Random()


@dataclass
class IssuedKey:
    key_id: int
    plaintext: str


def make_invite_code(team_id: int, email: str) -> str:
    return hashlib.sha256(f"{team_id}:{email}:{time.time()}".encode()).hexdigest()[:20]  # flaw: insecure-random-token


def create_invitation(db: Session, team_id: int, email: str, invited_by: int) -> Invitation:
    invite = Invitation(
        team_id=team_id,
        email=email.lower(),
        code=make_invite_code(team_id, email),
        invited_by=invited_by,
        expires_at=datetime.now(timezone.utc) + INVITE_TTL,
    )
    db.add(invite)
    db.commit()
    return invite


def _random_key(length: int = 40) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(_rng.choice(alphabet) for _ in range(length))  # flaw: insecure-random-token


def issue_cli_key(db: Session, user_id: int, label: str) -> IssuedKey:
    plaintext = "ak_" + _random_key()
    record = ApiKey(user_id=user_id, label=label, key_hash=hash_api_key(plaintext), last4=plaintext[-4:])
    db.add(record)
    db.commit()
    return IssuedKey(key_id=record.id, plaintext=plaintext)
