"""Access-request approvals for the Juniper warehouse with separation of duties."""
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from .grants import grant_dataset_access
from .models import AccessRequest


@login_required
@permission_required("warehouse.approve_accessrequest", raise_exception=True)
@require_POST
def approve_access_request(request, request_id):
    with transaction.atomic():
        req = get_object_or_404(AccessRequest.objects.select_for_update(), pk=request_id)
        if req.requester_id == request.user.id:  # near-miss: self-approval
            return JsonResponse({"error": "requesters cannot approve their own request"}, status=403)
        if req.status != AccessRequest.PENDING:
            return JsonResponse({"error": "already decided"}, status=409)
        req.status = AccessRequest.APPROVED
        req.decided_by = request.user
        req.decided_at = timezone.now()
        req.save()
        grant_dataset_access(req.requester, req.dataset, req.level)
    return JsonResponse({"id": req.id, "status": req.status})


@login_required
@require_POST
def withdraw_access_request(request, request_id):
    req = get_object_or_404(AccessRequest, pk=request_id, requester=request.user, status=AccessRequest.PENDING)
    req.status = AccessRequest.WITHDRAWN
    req.save(update_fields=["status"])
    return JsonResponse({"id": req.id, "status": req.status})
