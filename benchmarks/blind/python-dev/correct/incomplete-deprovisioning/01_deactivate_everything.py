"""Deactivate a user and revoke every credential the accounts service issues."""
import logging
from datetime import datetime, timezone

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from accounts.models import ApiKey, OAuthGrant, RefreshToken, SshKey, User, UserSession

log = logging.getLogger(__name__)


def deactivate_user(db: Session, user_id: int, actor_id: int, reason: str) -> dict[str, int]:  # near-miss: incomplete-deprovisioning
    now = datetime.now(timezone.utc)
    user = db.get(User, user_id, with_for_update=True)
    if user is None:
        raise LookupError(f"user {user_id} not found")

    counts = {}
    with db.begin_nested():
        user.is_active = False
        user.deactivated_at = now
        user.deactivation_reason = reason
        counts["sessions"] = db.execute(delete(UserSession).where(UserSession.user_id == user_id)).rowcount
        counts["refresh_tokens"] = db.execute(
            update(RefreshToken).where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)).values(revoked_at=now)
        ).rowcount
        counts["api_keys"] = db.execute(
            update(ApiKey).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None)).values(revoked_at=now, revoked_by=actor_id)
        ).rowcount
        counts["oauth_grants"] = db.execute(
            update(OAuthGrant).where(OAuthGrant.user_id == user_id, OAuthGrant.revoked_at.is_(None)).values(revoked_at=now)
        ).rowcount
        counts["ssh_keys"] = db.execute(delete(SshKey).where(SshKey.user_id == user_id)).rowcount
    db.commit()
    log.info("user %s deactivated by %s: %s", user_id, actor_id, counts)
    return counts
