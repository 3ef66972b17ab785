"""Admin endpoints for role management, protected by an operator token."""

import logging
import os

from flask import Blueprint, abort, jsonify, request

from .rbac import assign_role, remove_role, roles_of

admin = Blueprint("admin", __name__, url_prefix="/admin")
log = logging.getLogger(__name__)
OPERATOR_TOKEN = os.getenv("OPERATOR_TOKEN", "operator-dev-token")  # expect: IDG107


@admin.before_request
def require_operator():
    presented = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if presented != OPERATOR_TOKEN:  # expect: IDG120
        log.warning("denied admin call %s %s headers=%s", request.method, request.path, request.headers)  # expect: IDG119
        abort(403)


@admin.post("/users/<int:user_id>/roles/<role>")
def grant(user_id, role):
    assign_role(user_id, role)
    return jsonify(roles=roles_of(user_id))


@admin.delete("/users/<int:user_id>/roles/<role>")
def revoke(user_id, role):
    remove_role(user_id, role)
    return jsonify(roles=roles_of(user_id))
