"""Four-eyes review of role-change proposals in the admin portal (Django)."""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from portal.models import RoleChangeProposal
from portal.roles import apply_role_change, proposable_roles


@login_required
@permission_required("portal.propose_role_change", raise_exception=True)
def propose(request, user_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    new_role = request.POST.get("new_role", "")
    if new_role not in proposable_roles(request.user):
        raise PermissionDenied("you cannot propose that role")
    proposal = RoleChangeProposal.objects.create(
        target_user_id=user_id,
        new_role=new_role,
        proposed_by=request.user,
        note=request.POST.get("note", ""),
    )
    return redirect("portal:proposal-detail", proposal.pk)


@login_required
@permission_required("portal.review_role_change", raise_exception=True)
@transaction.atomic
def approve(request, proposal_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    proposal = get_object_or_404(RoleChangeProposal.objects.select_for_update(), pk=proposal_id, state="open")
    if proposal.target_user_id == request.user.pk:  # flaw: self-approval
        raise PermissionDenied("you cannot approve a change to your own role")
    proposal.state = "approved"
    proposal.reviewed_by = request.user
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    apply_role_change(proposal.target_user_id, proposal.new_role, approved_by=request.user)
    return redirect("portal:proposal-detail", proposal.pk)
