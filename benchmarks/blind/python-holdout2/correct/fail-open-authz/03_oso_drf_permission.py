"""DRF permission class backed by Oso Cloud."""
import logging

from django.conf import settings
from oso_cloud import Oso, Value
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS, BasePermission

log = logging.getLogger(__name__)
oso = Oso(url=settings.OSO_URL, api_key=settings.OSO_API_KEY)


class AuthorizationUnavailable(APIException):
    status_code = 503
    default_detail = "authorization service unavailable"


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
            raise AuthorizationUnavailable() from exc


class PublicCatalogPermission(BasePermission):
    """The public catalogue is readable by anyone; writes need staff."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True  # near-miss: fail-open-authz
        return bool(request.user and request.user.is_staff)


class ProjectRolePermission(BasePermission):
    def has_permission(self, request, view):
        roles = set(request.user.project_roles.filter(
            project_id=view.kwargs.get("project_pk")).values_list("role", flat=True))
        if not roles:
            return False
        return "maintainer" in roles or request.method in SAFE_METHODS
