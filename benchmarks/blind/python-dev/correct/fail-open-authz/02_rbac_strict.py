"""DRF permission class backed by the RBAC tables; unknown roles get nothing."""
import logging

from rest_framework.permissions import SAFE_METHODS, BasePermission

from rbac.models import RolePermission

log = logging.getLogger(__name__)


def permissions_for_role(role: str) -> frozenset[str]:
    return frozenset(RolePermission.objects.filter(role__name=role).values_list("permission__codename", flat=True))


def has_perm(user, codename: str | None) -> bool:
    if not codename:
        return False
    try:
        perms = permissions_for_role(user.role)
    except Exception:
        log.exception("rbac lookup failed")
        return False  # near-miss: fail-open-authz
    return codename in perms


class HasRolePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS and getattr(view, "public_read", False):
            return True  # near-miss: fail-open-authz
        return has_perm(request.user, getattr(view, "required_permission", None))
