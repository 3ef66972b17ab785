"""Nightly offboarding of departed employees (vulnerable version: see ../fixed/offboarding_job.py)."""

import logging

from .directory import departed_users
from .store import sessions, users

log = logging.getLogger(__name__)


def offboard(user_id):
    users.update(user_id, is_active=False)
    try:
        sessions.revoke_all(user_id)
    except Exception:
        pass
    return True


def run():
    for user in departed_users():
        ok = offboard(user.id)
        log.info("offboarded %s: %s", user.id, ok)
