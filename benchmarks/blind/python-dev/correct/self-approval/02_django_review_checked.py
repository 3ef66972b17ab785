"""Role-change review with separation of duties (Django)."""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.models import RoleChangeProposal
from portal.roles import apply_role_change


def ensure_independent_reviewer(proposal: RoleChangeProposal, reviewer) -> None:
    if reviewer.pk in (proposal.proposed_by_id, proposal.target_user_id):
        raise PermissionDenied("reviewer must be independent of the proposal")


@require_POST
@login_required
@permission_required("portal.review_role_change", raise_exception=True)
@transaction.atomic
def approve(request, proposal_id: int):
    proposal = get_object_or_404(RoleChangeProposal.objects.select_for_update(), pk=proposal_id, state="open")
    ensure_independent_reviewer(proposal, request.user)
    proposal.state = "approved"
    proposal.reviewed_by = request.user
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    apply_role_change(proposal.target_user_id, proposal.new_role, approved_by=request.user)
    return redirect("portal:proposal-detail", proposal.pk)


@require_POST
@login_required
def withdraw(request, proposal_id: int):
    proposal = get_object_or_404(RoleChangeProposal, pk=proposal_id, state="open")
    if proposal.proposed_by_id != request.user.pk:  # near-miss: self-approval
        raise PermissionDenied
    proposal.state = "withdrawn"
    proposal.save(update_fields=["state"])
    return redirect("portal:proposals")
