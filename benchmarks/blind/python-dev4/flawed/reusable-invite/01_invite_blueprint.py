"""Team invitation blueprint for the Marigold scheduling app."""
from datetime import datetime, timezone

from flask import Blueprint, abort, g, jsonify, request
from flask_login import current_user, login_required

from .extensions import db
from .models import Invitation, TeamMember

invites_bp = Blueprint("invites", __name__, url_prefix="/invites")


def _load_invitation(code: str) -> Invitation:
    inv = Invitation.query.filter_by(code=code).first()
    if inv is None:
        abort(404)
    return inv


@invites_bp.post("/<code>/accept")
@login_required
def accept_invitation(code):  # flaw: reusable-invite
    inv = _load_invitation(code)
    if inv.expires_at < datetime.now(timezone.utc):
        abort(410, "invitation expired")
    if inv.email.lower() != current_user.email.lower():
        abort(403)
    member = TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role)
    db.session.add(member)
    db.session.commit()
    return jsonify(team=inv.team_id, role=inv.role), 201


@invites_bp.get("/<code>")
def show_invitation(code):
    inv = _load_invitation(code)
    return jsonify(team=inv.team.name, inviter=inv.inviter.display_name)
