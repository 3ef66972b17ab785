"""Account lifecycle service for the Orchard CRM."""
import logging
from datetime import datetime, timezone

log = logging.getLogger(__name__)


class DeprovisioningError(RuntimeError):
    pass


class UserOffboarder:
    def __init__(self, users, sessions, api_keys, oauth_grants, memberships):
        self._users = users
        self._steps = [
            ("sessions", sessions.delete_all_for),
            ("api_keys", api_keys.revoke_all_for),
            ("oauth_grants", oauth_grants.revoke_all_for),
            ("memberships", memberships.remove_all_for),
        ]

    def deactivate(self, user_id: int) -> dict:
        user = self._users.get(user_id)
        user.is_active = False
        user.deactivated_at = datetime.now(timezone.utc)
        self._users.save(user)
        failures = {}
        summary = {}
        for name, step in self._steps:
            try:
                summary[name] = step(user_id)
            except Exception as exc:  # near-miss: incomplete-deprovisioning
                failures[name] = str(exc)
        if failures:
            log.error("offboarding of %s incomplete: %s", user_id, sorted(failures))
            raise DeprovisioningError(failures)
        return summary
