"""OPA-backed authorization for the Cinderfall deployment API; errors deny."""
import logging
import os

import requests
from flask import abort, g, request

log = logging.getLogger(__name__)
OPA_URL = os.environ.get("OPA_URL", "http://opa:8181/v1/data/cinderfall/allow")


class PolicyUnavailable(Exception):
    pass


def policy_allows(subject: dict, action: str, resource: str) -> bool:
    try:
        resp = requests.post(OPA_URL, json={"input": {"subject": subject, "action": action, "resource": resource}}, timeout=2)
        resp.raise_for_status()
    except requests.RequestException as exc:
        log.warning("opa unavailable: %s", exc)
        raise PolicyUnavailable() from exc
    return resp.json().get("result") is True  # near-miss: fail-open-authz


def require(action: str):
    def decorator(view):
        def wrapper(*args, **kwargs):
            try:
                allowed = policy_allows({"id": g.user.id, "teams": g.user.teams}, action, request.path)
            except PolicyUnavailable:
                abort(503)
            if not allowed:
                abort(403)
            return view(*args, **kwargs)
        wrapper.__name__ = view.__name__
        return wrapper
    return decorator
