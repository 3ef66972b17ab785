"""Permission decorator for the Flask back-office; RBAC outages return 503, unknown users 403."""
from __future__ import annotations

import json
from functools import wraps

import redis
import requests
from flask import abort, g

cache = redis.Redis.from_url("redis://rbac-cache:6379/2")
RBAC_URL = "https://rbac.internal.example.com/v2/principals/{uid}/permissions"


class PermissionBackendError(Exception):
    pass


def permissions_for(user_id: int) -> frozenset[str]:
    cached = cache.get(f"perms:{user_id}")
    if cached is not None:
        return frozenset(json.loads(cached))
    try:
        resp = requests.get(RBAC_URL.format(uid=user_id), timeout=1.5)
        if resp.status_code == 404:
            return frozenset()  # near-miss: fail-open-authz
        resp.raise_for_status()
        perms = resp.json()["permissions"]
    except (requests.RequestException, KeyError, ValueError) as exc:
        raise PermissionBackendError(str(exc)) from exc
    cache.setex(f"perms:{user_id}", 60, json.dumps(perms))
    return frozenset(perms)


def require_permission(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                abort(401)
            try:
                perms = permissions_for(g.user.id)
            except PermissionBackendError:
                abort(503)
            if permission not in perms:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
