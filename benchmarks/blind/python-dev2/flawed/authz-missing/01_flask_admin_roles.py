"""Admin blueprint for user management (Flask)."""
from flask import Blueprint, abort, g, jsonify, request

from .auth import login_required, role_required
from .models import AuditEvent, User, db

admin = Blueprint("admin", __name__, url_prefix="/admin")

ASSIGNABLE_ROLES = {"viewer", "editor", "admin"}


@admin.get("/users")
@login_required
@role_required("admin")
def list_users():
    users = User.query.order_by(User.id).limit(200).all()
    return jsonify([{"id": u.id, "email": u.email, "role": u.role} for u in users])


@admin.post("/users/<int:user_id>/disable")
@login_required
@role_required("admin")
def disable_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    user.active = False
    db.session.add(AuditEvent(actor_id=g.user.id, action="disable", target_id=user_id))
    db.session.commit()
    return jsonify(ok=True)


@admin.put("/users/<int:user_id>/role")
def set_role(user_id: int):  # flaw: authz-missing
    role = (request.get_json(silent=True) or {}).get("role")
    if role not in ASSIGNABLE_ROLES:
        abort(400)
    user = db.session.get(User, user_id) or abort(404)
    user.role = role
    db.session.add(AuditEvent(actor_id=getattr(g, "user", None) and g.user.id, action="set_role", target_id=user_id))
    db.session.commit()
    return jsonify(id=user.id, role=user.role)


@admin.get("/audit")
@login_required
@role_required("admin")
def audit_log():
    events = AuditEvent.query.order_by(AuditEvent.id.desc()).limit(100).all()
    return jsonify([{"actor": e.actor_id, "action": e.action, "target": e.target_id} for e in events])
