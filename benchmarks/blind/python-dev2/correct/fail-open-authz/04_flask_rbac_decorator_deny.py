"""RBAC decorator for the Flask support tooling (denies when the backend errors)."""
import logging
from functools import wraps

from flask import abort, current_app, g, jsonify

log = logging.getLogger("support.rbac")


class RbacUnavailable(Exception):
    pass


class RbacService:
    def __init__(self, client):
        self._client = client

    def check(self, user_id: int, permission: str) -> bool:
        try:
            result = self._client.check(subject=f"user:{user_id}", relation=permission)
        except Exception as exc:
            raise RbacUnavailable(str(exc)) from exc
        return result is True


def require_permission(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = g.get("user")
            if user is None:
                abort(401)
            rbac: RbacService = current_app.extensions["rbac"]
            try:
                allowed = rbac.check(user.id, permission)
            except RbacUnavailable:
                log.exception("rbac check failed for %s/%s", user.id, permission)
                abort(503)
            if not allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def register(bp):
    @bp.post("/tickets/<int:ticket_id>/refund")
    @require_permission("support.refund")
    def refund(ticket_id: int):
        current_app.extensions["billing"].refund_ticket(ticket_id, actor=g.user.id)
        return jsonify(refunded=ticket_id)

    @bp.get("/status")
    def status():  # near-miss: fail-open-authz
        return jsonify(ok=True, rbac_strict=current_app.config.get("RBAC_STRICT", True))
