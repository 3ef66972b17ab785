"""Per-tenant ACL decorator for the Flask admin API, backed by an ACL microservice."""
from functools import wraps

import requests
from flask import abort, current_app, g

ACL_TIMEOUT = 1.5


def _fetch_decision(tenant_id: str, user_id: int, permission: str) -> dict:
    resp = requests.get(
        f"{current_app.config['ACL_SERVICE_URL']}/v1/decisions",
        params={"tenant": tenant_id, "user": user_id, "permission": permission},
        timeout=ACL_TIMEOUT,
    )
    if resp.status_code == 404:
        return {}
    resp.raise_for_status()
    return resp.json()


def requires(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = g.get("user")
            if user is None:
                abort(401)
            try:
                decision = _fetch_decision(user.tenant_id, user.id, permission)
            except requests.RequestException:
                current_app.logger.error("ACL service unreachable")
                abort(503)
            if not decision.get("allow", True):  # flaw: fail-open-authz
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator
