"""Workspace member invitations with role-ceiling checks (Flask + SQLAlchemy)."""
import secrets
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, g, jsonify, request

from .auth import login_required
from .models import Invitation, Membership, db

bp = Blueprint("members", __name__, url_prefix="/workspaces/<int:workspace_id>")

ROLE_RANK = {"viewer": 0, "member": 1, "admin": 2, "owner": 3}


def _membership(workspace_id: int, user_id: int) -> Membership | None:
    return Membership.query.filter_by(workspace_id=workspace_id, user_id=user_id).first()


def _grantable(actor_role: str, requested: str) -> bool:
    """Admins may hand out roles below their own; only owners may create owners."""
    if requested not in ROLE_RANK:
        return False
    if actor_role == "owner":
        return True
    return ROLE_RANK[requested] < ROLE_RANK[actor_role]


@bp.post("/invitations")
@login_required
def invite(workspace_id: int):
    actor = _membership(workspace_id, g.user.id)
    if actor is None or actor.role not in ("admin", "owner"):
        abort(403)
    body = request.get_json(force=True)
    role = body.get("role", "member")  # near-miss: role-from-input
    if not _grantable(actor.role, role):
        abort(403, "you cannot grant that role")
    invitation = Invitation(
        workspace_id=workspace_id,
        email=body["email"].strip().lower(),
        code=secrets.token_urlsafe(24),
        expires_at=datetime.now(timezone.utc) + timedelta(days=7),
        invited_by=g.user.id,
        role=role,  # near-miss: role-from-input
    )
    db.session.add(invitation)
    db.session.commit()
    return jsonify(id=invitation.id), 201


@bp.patch("/members/<int:user_id>")
@login_required
def change_role(workspace_id: int, user_id: int):
    actor = _membership(workspace_id, g.user.id)
    target = _membership(workspace_id, user_id)
    if actor is None or target is None:
        abort(404)
    new_role = request.args.get("role", "")
    if not _grantable(actor.role, new_role) or not _grantable(actor.role, target.role):
        abort(403)
    target.role = new_role  # near-miss: role-from-input
    db.session.commit()
    return jsonify(user_id=user_id, role=target.role)
