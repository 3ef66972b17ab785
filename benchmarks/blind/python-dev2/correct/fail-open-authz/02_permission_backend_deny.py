"""Authorization backend backed by the entitlements service (deny on error)."""
import logging

from django.core.cache import cache

from .entitlements import EntitlementsClient, EntitlementsUnavailable

log = logging.getLogger("entitlements")


class EntitlementsBackend:
    cache_ttl = 120

    def __init__(self):
        self.client = EntitlementsClient.from_settings()

    def authenticate(self, request, **credentials):
        return None

    def _permissions(self, user) -> frozenset[str]:
        key = f"ent:{user.pk}"
        perms = cache.get(key)
        if perms is not None:
            return perms
        try:
            perms = frozenset(self.client.permissions_for(user.pk))
        except EntitlementsUnavailable:
            log.warning("entitlements lookup failed for %s; denying", user.pk)
            return frozenset()
        cache.set(key, perms, self.cache_ttl)
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True  # near-miss: fail-open-authz
        return perm in self._permissions(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self._permissions(user_obj))
