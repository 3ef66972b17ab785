"""Workspace member invitations (Flask + SQLAlchemy)."""
import secrets
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, g, jsonify, request

from .auth import login_required
from .models import Invitation, Membership, db

bp = Blueprint("members", __name__, url_prefix="/workspaces/<int:workspace_id>")

ROLES = ("viewer", "member", "admin", "owner")


def _membership(workspace_id: int, user_id: int) -> Membership | None:
    return Membership.query.filter_by(workspace_id=workspace_id, user_id=user_id).first()


@bp.post("/invitations")
@login_required
def invite(workspace_id: int):
    actor = _membership(workspace_id, g.user.id)
    if actor is None or actor.role not in ("admin", "owner"):
        abort(403)
    body = request.get_json(force=True)
    role = body.get("role", "member")
    if role not in ROLES:
        abort(400, "unknown role")
    invitation = Invitation(
        workspace_id=workspace_id,
        email=body["email"].strip().lower(),
        code=secrets.token_urlsafe(24),
        expires_at=datetime.now(timezone.utc) + timedelta(days=7),
        invited_by=g.user.id,
    )
    invitation.role = role  # flaw: role-from-input
    db.session.add(invitation)
    db.session.commit()
    return jsonify(id=invitation.id), 201


@bp.patch("/members/<int:user_id>")
@login_required
def change_role(workspace_id: int, user_id: int):
    actor = _membership(workspace_id, g.user.id)
    if actor is None or actor.role not in ("admin", "owner"):
        abort(403)
    target = _membership(workspace_id, user_id)
    if target is None:
        abort(404)
    new_role = request.args.get("role", target.role)
    if new_role not in ROLES:
        abort(400)
    target.role = new_role  # flaw: role-from-input
    db.session.commit()
    return jsonify(user_id=user_id, role=target.role)
