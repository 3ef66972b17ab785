"""Accept an organisation invitation (Django)."""
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpResponseForbidden, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from orgs.models import Organisation, OrgMembership


class OrgInvitation(models.Model):
    org = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    email = models.EmailField()
    code = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=20, default="member")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


@login_required
def accept_invitation(request, code: str):  # flaw: reusable-invite
    invitation = get_object_or_404(OrgInvitation, code=code)
    if invitation.is_expired:
        return HttpResponseGone("This invitation has expired.")
    if invitation.email.lower() != request.user.email.lower():
        return HttpResponseForbidden("This invitation was sent to a different address.")

    OrgMembership.objects.get_or_create(
        org=invitation.org,
        user=request.user,
        defaults={"role": invitation.role},
    )
    return redirect("orgs:dashboard", slug=invitation.org.slug)
