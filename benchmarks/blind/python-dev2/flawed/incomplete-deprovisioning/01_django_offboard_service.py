"""Offboarding for departing staff in the Django back office."""
import logging

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger("accounts.offboarding")
User = get_user_model()


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=128)
    revoked_at = models.DateTimeField(null=True, blank=True)


class OAuthRefreshToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_tokens")
    client_id = models.CharField(max_length=64)
    revoked = models.BooleanField(default=False)


def _user_sessions(user):
    for session in Session.objects.filter(expire_date__gte=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            yield session


def list_credentials(user) -> dict:
    return {
        "api_tokens": list(user.api_tokens.filter(revoked_at__isnull=True).values_list("name", flat=True)),
        "refresh_tokens": user.refresh_tokens.filter(revoked=False).count(),
    }


@transaction.atomic
def offboard_user(user, *, actor) -> dict:  # flaw: incomplete-deprovisioning
    """Disable the account and end its web sessions."""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])

    ended = 0
    for session in _user_sessions(user):
        session.delete()
        ended += 1

    user.groups.clear()
    log.info("user %s offboarded by %s (%d sessions ended)", user.pk, actor.pk, ended)
    return {"user": user.pk, "sessions_ended": ended}
