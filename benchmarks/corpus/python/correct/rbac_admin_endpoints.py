"""Admin endpoints for role management; callers must hold the `roles:admin` permission."""

import logging

from flask import Blueprint, abort, g, jsonify

from .auth import current_principal
from .rbac import assign_role, has_permission, remove_role, roles_of

admin = Blueprint("admin", __name__, url_prefix="/admin")
log = logging.getLogger(__name__)


@admin.before_request
def require_admin():
    principal = current_principal()
    if principal is None or not has_permission(principal, "roles:admin"):
        log.warning("denied admin call by %s", getattr(principal, "id", None))  # ok: IDG119
        abort(403)
    g.principal = principal


@admin.post("/users/<int:user_id>/roles/<role>")
def grant(user_id, role):
    if user_id == g.principal.id:
        abort(409, "cannot change your own roles")
    assign_role(user_id, role, granted_by=g.principal.id)
    log.info("role %s granted to %s by %s", role, user_id, g.principal.id)
    return jsonify(roles=roles_of(user_id))


@admin.delete("/users/<int:user_id>/roles/<role>")
def revoke(user_id, role):
    remove_role(user_id, role, removed_by=g.principal.id)
    return jsonify(roles=roles_of(user_id))
