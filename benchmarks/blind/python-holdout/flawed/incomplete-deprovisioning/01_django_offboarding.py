"""Offboarding service used by the HR webhook and the admin "Deactivate" button."""
from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiKey, AuditEvent, OAuthGrant

log = logging.getLogger(__name__)
User = get_user_model()


def active_credentials(user) -> dict:
    """Shown on the admin user page so support can see what a user holds."""
    return {
        "api_keys": ApiKey.objects.filter(owner=user, revoked_at__isnull=True).count(),
        "oauth_grants": OAuthGrant.objects.filter(user=user, revoked=False).count(),
    }


def _delete_sessions(user) -> int:
    removed = 0
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            removed += 1
    return removed


@transaction.atomic
def deactivate_user(user_id: int, *, actor, reason: str) -> None:  # flaw: incomplete-deprovisioning
    user = User.objects.select_for_update().get(pk=user_id)
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])

    sessions = _delete_sessions(user)
    OAuthGrant.objects.filter(user=user, revoked=False).update(revoked=True, revoked_at=timezone.now())

    AuditEvent.objects.create(
        actor=actor,
        target=user,
        action="user.deactivated",
        detail={"reason": reason, "sessions_removed": sessions},
    )
    log.info("deactivated user_id=%s by actor_id=%s", user.pk, actor.pk)


def revoke_key(key_id: int, *, actor) -> None:
    key = ApiKey.objects.get(pk=key_id)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    AuditEvent.objects.create(actor=actor, target=key.owner, action="api_key.revoked", detail={"key": key.prefix})
