"""Accept an organisation invitation (Django)."""
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseForbidden, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from orgs.models import OrgInvitation, OrgMembership


@login_required
def accept_invitation(request, code: str):
    with transaction.atomic():
        invitation = get_object_or_404(OrgInvitation.objects.select_for_update(), code=code)
        if invitation.accepted_at is not None:
            return HttpResponseGone("This invitation has already been used.")
        if timezone.now() >= invitation.expires_at:
            return HttpResponseGone("This invitation has expired.")
        if invitation.email.casefold() != request.user.email.casefold():
            return HttpResponseForbidden("This invitation was sent to a different address.")
        if not request.user.email_verified:
            return HttpResponseForbidden("Verify your e-mail address first.")

        invitation.accepted_at = timezone.now()
        invitation.accepted_by = request.user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        OrgMembership.objects.get_or_create(
            org=invitation.org, user=request.user, defaults={"role": invitation.role}
        )
    return redirect("orgs:dashboard", slug=invitation.org.slug)


@login_required
def decline_invitation(request, code: str):
    invitation = get_object_or_404(OrgInvitation, code=code, email__iexact=request.user.email)
    invitation.delete()
    return redirect("home")
