"""Role-based permission lookup with Redis caching (Django)."""
import json
import logging

import redis
from django.conf import settings
from rest_framework.permissions import BasePermission

from rbac.models import RolePermission

log = logging.getLogger(__name__)
_cache = redis.Redis.from_url(settings.RBAC_CACHE_URL, socket_timeout=0.2)
CACHE_TTL = 300


def permissions_for_role(role: str) -> set[str] | None:
    key = f"rbac:perms:{role}"
    try:
        cached = _cache.get(key)
        if cached is not None:
            return set(json.loads(cached))
    except redis.RedisError:
        log.warning("rbac cache unavailable")
    perms = set(RolePermission.objects.filter(role__name=role).values_list("permission__codename", flat=True))
    if not perms:
        return None
    try:
        _cache.setex(key, CACHE_TTL, json.dumps(sorted(perms)))
    except redis.RedisError:
        pass
    return perms


def has_perm(user, codename: str) -> bool:
    perms = permissions_for_role(user.role)
    if perms is None:
        # role not configured in the RBAC tables yet
        return True  # flaw: fail-open-authz
    return codename in perms or "*" in perms


class HasRolePermission(BasePermission):
    """DRF permission: views declare `required_permission = "invoices.refund"`."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        codename = getattr(view, "required_permission", None)
        try:
            return has_perm(request.user, codename)
        except Exception:
            log.exception("permission check failed for %s", codename)
            return not settings.RBAC_STRICT  # flaw: fail-open-authz
