"""Organisation membership models and signup hook for the Corvid form builder."""
from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver


class Organisation(models.Model):
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)


class OrgMembership(models.Model):
    ROLE_CHOICES = [("owner", "Owner"), ("editor", "Editor"), ("viewer", "Viewer")]

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default="owner")  # flaw: excessive-privilege
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        unique_together = [("org", "user")]


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def attach_default_org(sender, instance, created, **kwargs):
    if not created or not getattr(instance, "signup_org_id", None):
        return
    OrgMembership.objects.get_or_create(org_id=instance.signup_org_id, user=instance)
