"""Workspace membership removal for the Tidewell tracker (revokes tokens too)."""
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Membership, PersonalAccessToken, Workspace, WorkspaceSession


def _can_manage(user, workspace) -> bool:
    return Membership.objects.filter(workspace=workspace, user=user, role__in=("owner", "admin")).exists()


@login_required
@require_POST
def remove_member(request, workspace_slug, user_id):
    workspace = get_object_or_404(Workspace, slug=workspace_slug)
    if not _can_manage(request.user, workspace):
        return HttpResponseForbidden()
    membership = get_object_or_404(Membership, workspace=workspace, user_id=user_id)
    with transaction.atomic():
        membership.delete()  # near-miss: incomplete-deprovisioning
        WorkspaceSession.objects.filter(workspace=workspace, user_id=user_id).delete()
        tokens = PersonalAccessToken.objects.filter(workspace=workspace, user_id=user_id, revoked_at__isnull=True)
        n_tokens = tokens.update(revoked_at=timezone.now())
    return JsonResponse({"removed": user_id, "tokens_revoked": n_tokens})
