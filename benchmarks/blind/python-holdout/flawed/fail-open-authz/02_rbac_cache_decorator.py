"""Permission checks for the Flask back-office, backed by the RBAC service with a redis cache."""
from __future__ import annotations

import json
import logging
from functools import wraps

import redis
import requests
from flask import abort, g

log = logging.getLogger(__name__)
cache = redis.Redis.from_url("redis://rbac-cache:6379/2")
RBAC_URL = "https://rbac.internal.example.com/v2/principals/{uid}/permissions"


class PermissionBackendError(Exception):
    pass


def permissions_for(user_id: int) -> set[str] | None:
    cached = cache.get(f"perms:{user_id}")
    if cached is not None:
        return set(json.loads(cached))
    try:
        resp = requests.get(RBAC_URL.format(uid=user_id), timeout=1.5)
    except requests.RequestException as exc:
        raise PermissionBackendError(str(exc)) from exc
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    perms = resp.json()["permissions"]
    cache.setex(f"perms:{user_id}", 60, json.dumps(perms))
    return set(perms)


def has_permission(user_id: int, permission: str) -> bool:
    perms = permissions_for(user_id)
    if perms is None:
        return True  # flaw: fail-open-authz
    return permission in perms or "*" in perms


def require_permission(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                abort(401)
            try:
                allowed = has_permission(g.user.id, permission)
            except PermissionBackendError:
                log.error("rbac backend error while checking %s", permission)
                return view(*args, **kwargs)  # flaw: fail-open-authz
            if not allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
