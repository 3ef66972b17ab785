"""Nightly offboarding of departed employees (fixed version)."""

import logging

from .directory import departed_users
from .store import api_keys, groups, refresh_tokens, sessions, users

log = logging.getLogger(__name__)


class OffboardingError(RuntimeError):
    pass


def offboard(user_id):
    users.update(user_id, is_active=False)
    sessions.revoke_all(user_id)
    refresh_tokens.revoke_all(user_id)
    api_keys.revoke_all(user_id)
    groups.remove_memberships(user_id)
    return True


def run():
    failures = []
    for user in departed_users():
        try:
            offboard(user.id)
        except Exception:
            log.exception("offboarding failed for %s", user.id)
            failures.append(user.id)
    if failures:
        raise OffboardingError(f"{len(failures)} users not fully offboarded: {failures}")
