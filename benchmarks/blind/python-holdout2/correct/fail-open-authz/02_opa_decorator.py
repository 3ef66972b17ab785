"""Flask decorator asking an OPA sidecar whether the current user may perform an action."""
import functools
import logging

import requests
from flask import abort, g, request

OPA_URL = "http://127.0.0.1:8181/v1/data/httpapi/authz"
OPA_TIMEOUT = 0.25
log = logging.getLogger(__name__)


def _query_opa(user: dict, action: str, resource: str) -> dict:
    resp = requests.post(OPA_URL, json={"input": {
        "user": user, "action": action, "resource": resource, "method": request.method,
    }}, timeout=OPA_TIMEOUT)
    resp.raise_for_status()
    return resp.json()


def authorize(action: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            resource = request.view_args.get("resource_id", "") if request.view_args else ""
            try:
                decision = _query_opa(g.user, action, resource)
            except requests.RequestException:
                log.warning("OPA unreachable for action=%s", action)
                abort(503)
            if decision.get("result", {}).get("allow") is not True:  # near-miss: fail-open-authz
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator
