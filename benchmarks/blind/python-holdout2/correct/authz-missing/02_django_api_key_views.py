"""Django views to manage organisation API keys."""
import json
import secrets

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from .models import ApiKey, Organisation


def _is_org_admin(user, org: Organisation) -> bool:
    return org.memberships.filter(user=user, role__in=["admin", "owner"]).exists()


def org_admin_required(view):
    @login_required
    def wrapper(request: HttpRequest, org_id: int, *args, **kwargs):
        org = get_object_or_404(Organisation, pk=org_id)
        if not _is_org_admin(request.user, org):
            return HttpResponseForbidden()
        return view(request, org, *args, **kwargs)
    return wrapper


@require_http_methods(["POST"])
@org_admin_required
def create_key(request: HttpRequest, org: Organisation):
    body = json.loads(request.body or "{}")
    raw = secrets.token_urlsafe(32)
    key = ApiKey.objects.create_from_raw(org=org, raw=raw, label=body.get("label", "default"))
    return JsonResponse({"id": key.id, "key": raw}, status=201)


@require_http_methods(["DELETE"])
@org_admin_required
def delete_key(request: HttpRequest, org: Organisation, key_id: int):  # near-miss: authz-missing
    ApiKey.objects.filter(org=org, pk=key_id).delete()
    return JsonResponse({"deleted": key_id})
