"""Feature flags (fail open is fine: cosmetic) and ACL checks (fail closed)."""
import logging
from functools import wraps

import requests
from flask import abort, current_app, g

log = logging.getLogger(__name__)


def feature_enabled(name: str) -> bool:
    """New dashboard widgets; they are GA for most tenants, so keep them on if the flag service is down."""
    try:
        resp = requests.get(f"{current_app.config['FLAGS_URL']}/flags/{name}", timeout=0.3)
        resp.raise_for_status()
        return bool(resp.json().get("enabled"))
    except requests.RequestException:
        return True  # near-miss: fail-open-authz


def requires(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = g.get("user")
            if user is None:
                abort(401)
            try:
                resp = requests.get(
                    f"{current_app.config['ACL_SERVICE_URL']}/v1/decisions",
                    params={"user": user.id, "permission": permission},
                    timeout=1.5,
                )
                resp.raise_for_status()
                decision = resp.json()
            except (requests.RequestException, ValueError):
                log.error("ACL check failed for %s", permission)
                abort(503)
            if decision.get("allow") is not True:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator
