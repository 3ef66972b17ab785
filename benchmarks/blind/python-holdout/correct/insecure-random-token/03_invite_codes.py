"""Invite code generation and rollout cohort selection for the beta program."""
import base64
import os
import random
import uuid
from datetime import datetime, timedelta, timezone

from pony.orm import Database, Optional, PrimaryKey, Required, db_session, select

db = Database()


class BetaInvite(db.Entity):
    code = PrimaryKey(str)
    email = Required(str)
    request_id = Required(str)
    expires_at = Required(datetime)
    used_at = Optional(datetime)


def new_invite_code() -> str:
    return base64.b32encode(os.urandom(10)).decode().rstrip("=")


@db_session
def issue_invite(email: str) -> BetaInvite:
    return BetaInvite(
        code=new_invite_code(),
        email=email.lower(),
        request_id=str(uuid.uuid4()),  # near-miss: insecure-random-token
        expires_at=datetime.now(timezone.utc) + timedelta(days=7),
    )


@db_session
def pick_rollout_cohort(waitlist_emails: list[str], size: int, seed: int | None = None) -> list[BetaInvite]:
    """Choose who gets the next wave of invites; fairness, not secrecy, matters here."""
    rng = random.Random(seed)  # near-miss: insecure-random-token
    chosen = rng.sample(waitlist_emails, k=min(size, len(waitlist_emails)))
    already = set(select(i.email for i in BetaInvite))
    return [issue_invite(e) for e in chosen if e.lower() not in already]
