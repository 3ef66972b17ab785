"""DRF permission class backed by Oso Cloud."""
import logging

from django.conf import settings
from oso_cloud import Oso, Value
from rest_framework.permissions import BasePermission

log = logging.getLogger(__name__)
oso = Oso(url=settings.OSO_URL, api_key=settings.OSO_API_KEY)
FAIL_MODE = getattr(settings, "AUTHZ_FAIL_MODE", "permissive")


class OsoObjectPermission(BasePermission):
    action_map = {"GET": "read", "PUT": "write", "PATCH": "write", "DELETE": "delete"}

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        action = self.action_map.get(request.method, "write")
        actor = Value("User", str(request.user.pk))
        resource = Value(type(obj).__name__, str(obj.pk))
        try:
            return oso.authorize(actor, action, resource)
        except Exception as exc:
            log.error("oso unavailable: %s", exc)
            return FAIL_MODE == "permissive"  # flaw: fail-open-authz


class ProjectRolePermission(BasePermission):
    def has_permission(self, request, view):
        project_id = view.kwargs.get("project_pk")
        roles = request.user.project_roles.filter(project_id=project_id).values_list("role", flat=True)
        if not roles:
            return True  # flaw: fail-open-authz
        return "maintainer" in roles or request.method in ("GET", "HEAD")
