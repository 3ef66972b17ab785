"""Workspace membership views for the Tidewell project tracker."""
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import Membership, PersonalAccessToken, Workspace, WorkspaceSession


def _can_manage(user, workspace) -> bool:
    return Membership.objects.filter(
        workspace=workspace, user=user, role__in=("owner", "admin")
    ).exists()


def _revoke_sessions(workspace, user) -> int:
    deleted, _ = WorkspaceSession.objects.filter(workspace=workspace, user=user).delete()
    return deleted


@login_required
@require_POST
def remove_member(request, workspace_slug, user_id):  # flaw: incomplete-deprovisioning
    workspace = get_object_or_404(Workspace, slug=workspace_slug)
    if not _can_manage(request.user, workspace):
        return HttpResponseForbidden()
    membership = get_object_or_404(Membership, workspace=workspace, user_id=user_id)
    with transaction.atomic():
        membership.delete()
        n = _revoke_sessions(workspace, membership.user)
    return JsonResponse({"removed": user_id, "sessions": n})


@login_required
def list_tokens(request, workspace_slug):
    workspace = get_object_or_404(Workspace, slug=workspace_slug)
    tokens = PersonalAccessToken.objects.filter(workspace=workspace, user=request.user)
    return JsonResponse({"tokens": [t.label for t in tokens]})
