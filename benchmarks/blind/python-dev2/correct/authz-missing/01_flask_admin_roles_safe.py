"""Admin blueprint for user management (Flask); every mutating route is guarded."""
from flask import Blueprint, abort, g, jsonify, request

from .auth import login_required, role_required
from .models import AuditEvent, User, db

admin = Blueprint("admin", __name__, url_prefix="/admin")

ASSIGNABLE_ROLES = {"viewer", "editor", "admin"}


@admin.before_request
@login_required
def _authenticated():
    """Blueprint-wide login check; role checks are per route below."""
    return None


@admin.put("/users/<int:user_id>/role")
@role_required("admin")
def set_role(user_id: int):
    role = (request.get_json(silent=True) or {}).get("role")
    if role not in ASSIGNABLE_ROLES:
        abort(400)
    if user_id == g.user.id:
        abort(409, "change your own role through another admin")
    user = db.session.get(User, user_id) or abort(404)
    user.role = role
    db.session.add(AuditEvent(actor_id=g.user.id, action="set_role", target_id=user_id))
    db.session.commit()
    return jsonify(id=user.id, role=user.role)


@admin.post("/users/<int:user_id>/disable")
@role_required("admin")
def disable_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    user.active = False
    db.session.add(AuditEvent(actor_id=g.user.id, action="disable", target_id=user_id))
    db.session.commit()
    return jsonify(ok=True)


public = Blueprint("public", __name__)


@public.get("/healthz")
def healthz():  # near-miss: authz-missing
    return jsonify(status="ok")


@public.get("/roles")
def role_catalogue():  # near-miss: authz-missing
    """Static list rendered on the marketing pricing page."""
    return jsonify(sorted(ASSIGNABLE_ROLES))
