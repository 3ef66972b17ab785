"""RBAC decorator for the Flask support tooling."""
import logging
from functools import wraps

from flask import abort, current_app, g, jsonify

log = logging.getLogger("support.rbac")


class RbacService:
    def __init__(self, client):
        self._client = client

    def check(self, user_id: int, permission: str) -> bool:
        return self._client.check(subject=f"user:{user_id}", relation=permission)


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
            except Exception:
                log.exception("rbac check failed for %s/%s", user.id, permission)
                allowed = current_app.config.get("RBAC_STRICT") is not True  # flaw: fail-open-authz
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

    @bp.post("/customers/<int:customer_id>/impersonate")
    @require_permission("support.impersonate")
    def impersonate(customer_id: int):
        return jsonify(token=current_app.extensions["impersonation"].start(g.user.id, customer_id))
