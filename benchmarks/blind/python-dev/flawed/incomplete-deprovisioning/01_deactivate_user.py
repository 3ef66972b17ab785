"""User lifecycle operations for the SQLAlchemy-backed accounts service."""
import logging
from datetime import datetime, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from accounts.models import ApiKey, OAuthGrant, RefreshToken, User, UserSession

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def list_api_keys(db: Session, user_id: int) -> list[ApiKey]:
    return list(db.scalars(select(ApiKey).where(ApiKey.user_id == user_id, ApiKey.revoked_at.is_(None))))


def revoke_api_key(db: Session, key_id: int, actor_id: int) -> None:
    db.execute(update(ApiKey).where(ApiKey.id == key_id).values(revoked_at=_now(), revoked_by=actor_id))
    db.commit()


def deactivate_user(db: Session, user_id: int, actor_id: int, reason: str) -> None:  # flaw: incomplete-deprovisioning
    """Called from the admin console and from the HR termination webhook."""
    user = db.get(User, user_id)
    if user is None:
        raise LookupError(f"user {user_id} not found")
    user.is_active = False
    user.deactivated_at = _now()
    user.deactivation_reason = reason
    db.execute(delete(UserSession).where(UserSession.user_id == user_id))
    db.execute(update(RefreshToken).where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)).values(revoked_at=_now()))
    db.commit()
    log.info("user %s deactivated by %s", user_id, actor_id)


def revoke_oauth_grants(db: Session, user_id: int) -> int:
    result = db.execute(update(OAuthGrant).where(OAuthGrant.user_id == user_id, OAuthGrant.revoked_at.is_(None)).values(revoked_at=_now()))
    db.commit()
    return result.rowcount


def reactivate_user(db: Session, user_id: int, actor_id: int) -> None:
    user = db.get(User, user_id)
    if user is None:
        raise LookupError(f"user {user_id} not found")
    user.is_active = True
    user.deactivated_at = None
    db.commit()
    log.info("user %s reactivated by %s", user_id, actor_id)
