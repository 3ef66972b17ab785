"""Role-change review; the reviewer must differ from the proposer and from the affected member."""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenants.models import RoleChangeRequest


def _assert_independent_reviewer(change: RoleChangeRequest, reviewer) -> None:
    if reviewer.pk in (change.proposed_by_id, change.membership.user_id):
        raise PermissionDenied("reviewer must be independent of the change")


@login_required
@require_POST
@permission_required("tenants.review_role_change", raise_exception=True)
@transaction.atomic
def approve_role_change(request, change_id: int):
    change = get_object_or_404(
        RoleChangeRequest.objects.select_for_update().select_related("membership"),
        pk=change_id,
        tenant=request.tenant,
        status="pending",
    )
    _assert_independent_reviewer(change, request.user)
    change.status = "approved"
    change.reviewed_by = request.user
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    change.membership.role = change.proposed_role
    change.membership.save(update_fields=["role"])
    return JsonResponse({"id": change.pk, "status": change.status})
