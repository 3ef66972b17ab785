"""Offboarding for departing staff: every credential kind we issue is revoked."""
import logging

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger("accounts.offboarding")
User = get_user_model()


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=128)
    revoked_at = models.DateTimeField(null=True, blank=True)


class OAuthRefreshToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_tokens")
    client_id = models.CharField(max_length=64)
    revoked = models.BooleanField(default=False)


class SshKey(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="ssh_keys")
    fingerprint = models.CharField(max_length=64)


def _end_sessions(user) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def offboard_user(user, *, actor) -> dict:
    now = timezone.now()
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])

    result = {
        "sessions": _end_sessions(user),
        "api_tokens": user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=now),
        "refresh_tokens": user.refresh_tokens.filter(revoked=False).update(revoked=True),
        "ssh_keys": user.ssh_keys.all().delete()[0],
    }
    user.groups.clear()
    user.user_permissions.clear()
    log.info("user %s offboarded by %s: %s", user.pk, actor.pk, result)
    return {"user": user.pk, **result}
