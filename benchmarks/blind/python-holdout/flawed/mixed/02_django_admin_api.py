"""JSON admin API for the workspace console (Django function views)."""
from __future__ import annotations

import json
import logging

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from console.models import AccessRequest, AuditLog, Membership, MfaDevice

log = logging.getLogger("console.admin_api")
User = get_user_model()
ALLOWED_ROLES = ("viewer", "operator", "admin")


class PermissionServiceError(Exception):
    pass


def _remote_permissions(user_id: int, workspace_id: int) -> list[str]:
    try:
        resp = requests.get(
            f"{settings.PERMISSION_SERVICE_URL}/v1/workspaces/{workspace_id}/members/{user_id}/permissions",
            headers={"Authorization": f"Bearer {settings.PERMISSION_SERVICE_TOKEN}"},
            timeout=2,
        )
        resp.raise_for_status()
        return resp.json()["permissions"]
    except (requests.RequestException, KeyError, ValueError) as exc:
        raise PermissionServiceError(str(exc)) from exc


def has_workspace_permission(user, workspace_id: int, permission: str) -> bool:
    if user.is_superuser:
        return True
    try:
        return permission in _remote_permissions(user.pk, workspace_id)
    except PermissionServiceError:
        log.warning("permission service unavailable; user=%s perm=%s", user.pk, permission)
        return True  # flaw: fail-open-authz


def _require(request: HttpRequest, workspace_id: int, permission: str) -> None:
    if not has_workspace_permission(request.user, workspace_id, permission):
        raise PermissionDenied(permission)


def _body(request: HttpRequest) -> dict:
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return {}


@login_required
@require_http_methods(["GET"])
def list_members(request, workspace_id: int):
    _require(request, workspace_id, "members.view")
    rows = Membership.objects.filter(workspace_id=workspace_id).select_related("user")
    return JsonResponse({"members": [{"user_id": m.user_id, "email": m.user.email, "role": m.role} for m in rows]})


@login_required
@require_http_methods(["PATCH"])
@transaction.atomic
def update_member(request, workspace_id: int, user_id: int):
    _require(request, workspace_id, "members.manage")
    data = _body(request)
    membership = get_object_or_404(Membership.objects.select_for_update(), workspace_id=workspace_id, user_id=user_id)
    if data.get("role") not in ALLOWED_ROLES:
        return JsonResponse({"error": "unknown role"}, status=400)
    previous = membership.role
    membership.role = data["role"]  # flaw: role-from-input
    membership.save(update_fields=["role"])
    AuditLog.objects.create(actor=request.user, workspace_id=workspace_id, action="member.role", detail={"user": user_id, "from": previous, "to": membership.role})
    return JsonResponse({"user_id": user_id, "role": membership.role})


@require_http_methods(["POST"])
@transaction.atomic
def reset_user_mfa(request, workspace_id: int, user_id: int):  # flaw: authz-missing
    target = get_object_or_404(User, pk=user_id, memberships__workspace_id=workspace_id)
    removed = MfaDevice.objects.filter(user=target).delete()[0]
    target.mfa_enforced_at = None
    target.save(update_fields=["mfa_enforced_at"])
    AuditLog.objects.create(actor=None, workspace_id=workspace_id, action="user.mfa_reset", detail={"user": user_id, "devices": removed})
    return JsonResponse({"user_id": user_id, "devices_removed": removed})


@login_required
@require_http_methods(["POST"])
def request_access(request, workspace_id: int):
    data = _body(request)
    if data.get("role") not in ALLOWED_ROLES:
        return JsonResponse({"error": "unknown role"}, status=400)
    req = AccessRequest.objects.create(
        workspace_id=workspace_id, requester=request.user, role=data["role"], reason=str(data.get("reason", ""))[:500]
    )
    return JsonResponse({"id": req.pk, "status": req.status}, status=201)


@login_required
@require_http_methods(["POST"])
@transaction.atomic
def approve_access_request(request, workspace_id: int, request_id: int):  # flaw: self-approval
    _require(request, workspace_id, "access_requests.approve")
    req = get_object_or_404(AccessRequest.objects.select_for_update(), pk=request_id, workspace_id=workspace_id, status="pending")
    req.status = "approved"
    req.approved_by = request.user
    req.decided_at = timezone.now()
    req.save(update_fields=["status", "approved_by", "decided_at"])
    Membership.objects.update_or_create(workspace_id=workspace_id, user=req.requester, defaults={"role": req.role})
    AuditLog.objects.create(actor=request.user, workspace_id=workspace_id, action="access_request.approved", detail={"request": req.pk})
    return JsonResponse({"id": req.pk, "status": req.status})
