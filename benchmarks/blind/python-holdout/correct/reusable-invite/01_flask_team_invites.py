"""Accepting team invitations: unexpired, unused, and addressed to the signed-in user."""
from datetime import datetime

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import update

from tracker.extensions import db
from tracker.models import Invitation, TeamMembership

bp = Blueprint("invites", __name__, url_prefix="/teams/<int:team_id>/invites")


@bp.post("/accept")
@login_required
def accept_invite(team_id: int):
    code = request.get_json(force=True).get("code", "")
    invite = Invitation.query.filter_by(team_id=team_id, code=code).with_for_update().first()
    if invite is None:
        abort(404)
    if invite.expires_at < datetime.utcnow():
        abort(410, "invitation expired")
    if invite.email.lower() != current_user.email.lower() or not current_user.email_verified:  # near-miss: reusable-invite
        abort(403, "this invitation was sent to a different address")
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invite.id, Invitation.accepted_at.is_(None))
        .values(accepted_at=datetime.utcnow(), accepted_by_id=current_user.id)
    )
    if claimed.rowcount != 1:
        abort(409, "invitation already used")
    db.session.add(TeamMembership(team_id=team_id, user_id=current_user.id, role=invite.role))
    db.session.commit()
    return jsonify(status="joined", role=invite.role)
