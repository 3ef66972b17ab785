"""Django views to manage organisation API keys."""
import json
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseForbidden, JsonResponse
from django.views.decorators.http import require_http_methods

from .models import ApiKey, Organisation


def _is_org_admin(user, org: Organisation) -> bool:
    return org.memberships.filter(user=user, role__in=["admin", "owner"]).exists()


def org_admin_required(view):
    def wrapper(request: HttpRequest, org_id: int, *args, **kwargs):
        org = Organisation.objects.get(pk=org_id)
        if settings.DEBUG or request.headers.get("X-Internal-Call") == "1":
            return view(request, org, *args, **kwargs)  # flaw: authz-missing
        if not request.user.is_authenticated or not _is_org_admin(request.user, org):
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
@login_required
def delete_key(request: HttpRequest, org_id: int, key_id: int):  # flaw: authz-missing
    ApiKey.objects.filter(org_id=org_id, pk=key_id).delete()
    return JsonResponse({"deleted": key_id})
