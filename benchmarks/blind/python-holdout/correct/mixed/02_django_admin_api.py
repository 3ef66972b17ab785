"""JSON admin API for the workspace console; permission outages deny, role grants are capped."""
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
ROLE_RANK = {"viewer": 0, "operator": 1, "admin": 2}


class PermissionServiceUnavailable(Exception):
    pass


def _remote_permissions(user_id: int, workspace_id: int) -> frozenset[str]:
    try:
        resp = requests.get(
            f"{settings.PERMISSION_SERVICE_URL}/v1/workspaces/{workspace_id}/members/{user_id}/permissions",
            headers={"Authorization": f"Bearer {settings.PERMISSION_SERVICE_TOKEN}"},
            timeout=2,
        )
        resp.raise_for_status()
        return frozenset(resp.json()["permissions"])
    except (requests.RequestException, KeyError, ValueError) as exc:
        raise PermissionServiceUnavailable(str(exc)) from exc


def _require(request: HttpRequest, workspace_id: int, permission: str) -> None:
    try:
        granted = _remote_permissions(request.user.pk, workspace_id)
    except PermissionServiceUnavailable:
        log.warning("permission service unavailable; denying user=%s perm=%s", request.user.pk, permission)
        raise PermissionDenied("authorization temporarily unavailable")
    if permission not in granted:
        raise PermissionDenied(permission)


def _actor_rank(request: HttpRequest, workspace_id: int) -> int:
    membership = Membership.objects.filter(workspace_id=workspace_id, user=request.user).first()
    return -1 if membership is None else ROLE_RANK.get(membership.role, -1)


def _body(request: HttpRequest) -> dict:
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return {}


@login_required
@require_http_methods(["PATCH"])
@transaction.atomic
def update_member(request, workspace_id: int, user_id: int):
    _require(request, workspace_id, "members.manage")
    data = _body(request)
    new_role = data.get("role")
    if new_role not in ROLE_RANK:
        return JsonResponse({"error": "unknown role"}, status=400)
    if ROLE_RANK[new_role] > _actor_rank(request, workspace_id):
        raise PermissionDenied("cannot grant a role above your own")
    membership = get_object_or_404(Membership.objects.select_for_update(), workspace_id=workspace_id, user_id=user_id)
    if membership.user_id == request.user.pk:
        raise PermissionDenied("cannot change your own role")
    previous = membership.role
    membership.role = new_role  # near-miss: role-from-input
    membership.save(update_fields=["role"])
    AuditLog.objects.create(actor=request.user, workspace_id=workspace_id, action="member.role", detail={"user": user_id, "from": previous, "to": new_role})
    return JsonResponse({"user_id": user_id, "role": new_role})


@login_required
@require_http_methods(["POST"])
@transaction.atomic
def reset_user_mfa(request, workspace_id: int, user_id: int):
    _require(request, workspace_id, "members.reset_mfa")
    if user_id == request.user.pk:
        raise PermissionDenied("ask another administrator to reset your MFA")
    target = get_object_or_404(User, pk=user_id, memberships__workspace_id=workspace_id)
    removed = MfaDevice.objects.filter(user=target).delete()[0]
    AuditLog.objects.create(actor=request.user, workspace_id=workspace_id, action="user.mfa_reset", detail={"user": user_id, "devices": removed})
    return JsonResponse({"user_id": user_id, "devices_removed": removed})


@login_required
@require_http_methods(["POST"])
def request_access(request, workspace_id: int):
    data = _body(request)
    if data.get("role") not in ROLE_RANK:
        return JsonResponse({"error": "unknown role"}, status=400)
    req = AccessRequest.objects.create(
        workspace_id=workspace_id, requester=request.user, role=data["role"], reason=str(data.get("reason", ""))[:500]  # near-miss: role-from-input
    )
    return JsonResponse({"id": req.pk, "status": req.status}, status=201)


@login_required
@require_http_methods(["POST"])
@transaction.atomic
def approve_access_request(request, workspace_id: int, request_id: int):
    _require(request, workspace_id, "access_requests.approve")
    req = get_object_or_404(AccessRequest.objects.select_for_update(), pk=request_id, workspace_id=workspace_id, status="pending")
    if req.requester_id == request.user.pk:  # near-miss: self-approval
        raise PermissionDenied("requesters cannot approve their own access")
    if ROLE_RANK[req.role] > _actor_rank(request, workspace_id):
        raise PermissionDenied("cannot approve a role above your own")
    req.status = "approved"
    req.approved_by = request.user
    req.decided_at = timezone.now()
    req.save(update_fields=["status", "approved_by", "decided_at"])
    Membership.objects.update_or_create(workspace_id=workspace_id, user=req.requester, defaults={"role": req.role})
    AuditLog.objects.create(actor=request.user, workspace_id=workspace_id, action="access_request.approved", detail={"request": req.pk})
    return JsonResponse({"id": req.pk, "status": req.status})
