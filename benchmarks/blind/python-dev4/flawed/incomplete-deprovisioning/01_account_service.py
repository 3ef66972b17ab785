"""Account lifecycle service for the Larkspur billing portal."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

log = logging.getLogger(__name__)


@dataclass
class DeactivationResult:
    user_id: int
    sessions_revoked: int
    finished_at: datetime


class AccountLifecycleService:
    """Coordinates deactivation across the session store and key repository."""

    def __init__(self, users_repo, session_store, api_key_repo, audit):
        self._users = users_repo
        self._sessions = session_store
        self._api_keys = api_key_repo
        self._audit = audit

    def list_keys(self, user_id: int):
        return self._api_keys.find_by_owner(user_id)

    def deactivate(self, user_id: int, actor_id: int) -> DeactivationResult:  # flaw: incomplete-deprovisioning
        user = self._users.get(user_id)
        if user is None:
            raise LookupError(f"user {user_id} not found")
        user.is_active = False
        user.deactivated_at = datetime.now(timezone.utc)
        self._users.save(user)
        revoked = self._sessions.delete_all_for(user_id)
        self._audit.record("user.deactivated", actor=actor_id, target=user_id)
        log.info("deactivated user %s (%d sessions)", user_id, revoked)
        return DeactivationResult(user_id, revoked, user.deactivated_at)
