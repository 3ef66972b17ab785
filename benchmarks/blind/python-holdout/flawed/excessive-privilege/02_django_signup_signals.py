"""Post-signup provisioning: workspace membership and a starter API key (Django signals)."""
import secrets

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from workspaces.models import ApiKey, Membership, Workspace
from workspaces.keys import key_digest


def _workspace_for_domain(email: str):
    domain = email.rsplit("@", 1)[-1].lower()
    return Workspace.objects.filter(verified_domains__contains=[domain], auto_join=True).first()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def provision_new_user(sender, instance, created, **kwargs):
    if not created:
        return
    workspace = _workspace_for_domain(instance.email)
    if workspace is None:
        workspace = Workspace.objects.create(name=f"{instance.first_name or instance.username}'s workspace")
        Membership.objects.create(user=instance, workspace=workspace, role=Membership.Role.OWNER)
    else:
        Membership.objects.create(user=instance, workspace=workspace, role=Membership.Role.ADMIN)  # flaw: excessive-privilege

    raw = "wk_" + secrets.token_urlsafe(32)
    ApiKey.objects.create(user=instance, workspace=workspace, name="Starter key", prefix=raw[:10], digest=key_digest(raw), scopes=["*"])  # flaw: excessive-privilege
    instance._starter_key = raw
