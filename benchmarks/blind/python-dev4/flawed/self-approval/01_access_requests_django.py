"""Access-request approvals for the Juniper data warehouse."""
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
def approve_access_request(request, request_id):  # flaw: self-approval
    with transaction.atomic():
        req = get_object_or_404(AccessRequest.objects.select_for_update(), pk=request_id)
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
def create_access_request(request):
    req = AccessRequest.objects.create(requester=request.user, dataset_id=request.POST["dataset"],
                                       level=request.POST.get("level", "read"), reason=request.POST.get("reason", ""))
    return JsonResponse({"id": req.id}, status=201)
