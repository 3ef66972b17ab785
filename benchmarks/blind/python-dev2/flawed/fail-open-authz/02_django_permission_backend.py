"""Authorization backend backed by the entitlements service."""
import logging

from django.core.cache import cache

from .entitlements import EntitlementsClient, EntitlementsUnavailable

log = logging.getLogger("entitlements")


class EntitlementsBackend:
    """Django auth backend that only answers permission questions."""

    cache_ttl = 120
    sensitive_prefixes = ("billing.", "auth.", "admin.")

    def __init__(self):
        self.client = EntitlementsClient.from_settings()

    def authenticate(self, request, **credentials):
        return None

    def _permissions(self, user) -> set[str] | None:
        key = f"ent:{user.pk}"
        perms = cache.get(key)
        if perms is not None:
            return perms
        try:
            perms = set(self.client.permissions_for(user.pk))
        except EntitlementsUnavailable:
            log.warning("entitlements lookup failed for %s", user.pk)
            return None
        cache.set(key, perms, self.cache_ttl)
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        perms = self._permissions(user_obj)
        if perms is None:
            return not perm.startswith(self.sensitive_prefixes)  # flaw: fail-open-authz
        return perm in perms

    def has_module_perms(self, user_obj, app_label):
        perms = self._permissions(user_obj) or set()
        return any(p.startswith(f"{app_label}.") for p in perms)
