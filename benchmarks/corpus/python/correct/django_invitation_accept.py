"""Accepting an organisation invitation: expiry, address binding and single use are all checked."""

from datetime import timedelta
from django.utils import timezone
from django.shortcuts import get_object_or_404, redirect
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from .models import Invitation, Membership

@login_required
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation, token=token, accepted=False)
    if invitation.is_expired():
        return HttpResponseForbidden("Invitation expired")
    if invitation.email.lower() != request.user.email.lower():
        return HttpResponseForbidden("This invitation is for a different email")
    Membership.objects.create(user=request.user, organization=invitation.organization, role=invitation.role)
    invitation.accepted = True
    invitation.accepted_at = timezone.now()
    invitation.save()
    return redirect("dashboard")

def create_invitation(org, email, invited_by, role="member"):
    return Invitation.objects.create(organization=org, email=email, invited_by=invited_by, role=role, expires_at=timezone.now() + timedelta(days=7))
