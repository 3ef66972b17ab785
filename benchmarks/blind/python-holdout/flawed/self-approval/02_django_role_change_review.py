"""Two-person review for elevated role changes in the tenant admin (Django views)."""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenants.models import Membership, RoleChangeRequest

ELEVATED_ROLES = {"admin", "billing_admin", "owner"}


@login_required
@require_POST
@permission_required("tenants.request_role_change", raise_exception=True)
def propose_role_change(request, membership_id: int):
    membership = get_object_or_404(Membership, pk=membership_id, tenant=request.tenant)
    new_role = request.POST["role"]
    if new_role not in ELEVATED_ROLES:
        raise PermissionDenied("only elevated roles need review; use the members page")
    change = RoleChangeRequest.objects.create(
        membership=membership,
        proposed_role=new_role,
        proposed_by=request.user,
        tenant=request.tenant,
    )
    return JsonResponse({"id": change.pk, "status": change.status}, status=201)


@login_required
@require_POST
@permission_required("tenants.review_role_change", raise_exception=True)
@transaction.atomic
def approve_role_change(request, change_id: int):  # flaw: self-approval
    change = get_object_or_404(
        RoleChangeRequest.objects.select_for_update(), pk=change_id, tenant=request.tenant, status="pending"
    )
    change.status = "approved"
    change.reviewed_by = request.user
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    membership = change.membership
    membership.role = change.proposed_role
    membership.save(update_fields=["role"])
    return JsonResponse({"id": change.pk, "status": change.status})


@login_required
@require_POST
@permission_required("tenants.review_role_change", raise_exception=True)
def reject_role_change(request, change_id: int):
    change = get_object_or_404(RoleChangeRequest, pk=change_id, tenant=request.tenant, status="pending")
    change.status = "rejected"
    change.reviewed_by = request.user
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return JsonResponse({"id": change.pk, "status": change.status})
