"""Offboarding: revoke every credential a user holds, then record what was done."""
from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiKey, AuditEvent, OAuthGrant, OrgMembership, RefreshToken, UserSession

log = logging.getLogger(__name__)
User = get_user_model()


@transaction.atomic
def deactivate_user(user_id: int, *, actor, reason: str) -> dict:
    now = timezone.now()
    user = User.objects.select_for_update().get(pk=user_id)
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])

    summary = {
        "sessions": UserSession.objects.filter(user=user).delete()[0],
        "refresh_tokens": RefreshToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now),
        "api_keys": ApiKey.objects.filter(owner=user, revoked_at__isnull=True).update(revoked_at=now),
        "oauth_grants": OAuthGrant.objects.filter(user=user, revoked=False).update(revoked=True, revoked_at=now),
        "memberships": OrgMembership.objects.filter(user=user).delete()[0],
    }
    AuditEvent.objects.create(actor=actor, target=user, action="user.deactivated", detail={"reason": reason, **summary})
    log.info("deactivated user_id=%s summary=%s", user.pk, summary)
    return summary


def remove_member(org, user, *, actor) -> None:
    with transaction.atomic():
        OrgMembership.objects.filter(org=org, user=user).delete()
        ApiKey.objects.filter(owner=user, org=org, revoked_at__isnull=True).update(revoked_at=timezone.now())
        OAuthGrant.objects.filter(user=user, org=org, revoked=False).update(revoked=True, revoked_at=timezone.now())
        AuditEvent.objects.create(actor=actor, target=user, action="org.member_removed", detail={"org": org.pk})
