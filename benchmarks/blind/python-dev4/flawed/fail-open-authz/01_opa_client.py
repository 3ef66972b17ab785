"""OPA-backed authorization helper for the Cinderfall deployment API."""
import logging
import os

import requests
from flask import abort, g, request

log = logging.getLogger(__name__)
OPA_URL = os.environ.get("OPA_URL", "http://opa:8181/v1/data/cinderfall/allow")


def policy_allows(subject: dict, action: str, resource: str) -> bool:
    try:
        resp = requests.post(OPA_URL, json={"input": {"subject": subject, "action": action, "resource": resource}}, timeout=2)
        resp.raise_for_status()
        return bool(resp.json().get("result", False))
    except requests.RequestException as exc:
        log.warning("opa unavailable: %s", exc)
        return True  # flaw: fail-open-authz


def require(action: str):
    def decorator(view):
        def wrapper(*args, **kwargs):
            subject = {"id": g.user.id, "teams": g.user.teams}
            if not policy_allows(subject, action, request.path):
                abort(403)
            return view(*args, **kwargs)
        wrapper.__name__ = view.__name__
        return wrapper
    return decorator
