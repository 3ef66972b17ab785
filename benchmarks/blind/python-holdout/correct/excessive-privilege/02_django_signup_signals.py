"""Post-signup provisioning with least-privilege defaults (Django signals)."""
import secrets

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from workspaces.keys import key_digest
from workspaces.models import ApiKey, Membership, Workspace

STARTER_KEY_SCOPES = ["projects:read", "issues:read"]


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def provision_new_user(sender, instance, created, **kwargs):
    if not created:
        return
    domain = instance.email.rsplit("@", 1)[-1].lower()
    workspace = Workspace.objects.filter(verified_domains__contains=[domain], auto_join=True).first()
    if workspace is None:
        workspace = Workspace.objects.create(name=f"{instance.username}'s workspace")
        Membership.objects.create(user=instance, workspace=workspace, role=Membership.Role.OWNER)  # near-miss: excessive-privilege
    else:
        Membership.objects.create(user=instance, workspace=workspace, role=workspace.default_join_role or Membership.Role.MEMBER)

    raw = "wk_" + secrets.token_urlsafe(32)
    ApiKey.objects.create(
        user=instance,
        workspace=workspace,
        name="Starter key (read-only)",
        prefix=raw[:10],
        digest=key_digest(raw),
        scopes=list(STARTER_KEY_SCOPES),
    )
    instance._starter_key = raw
