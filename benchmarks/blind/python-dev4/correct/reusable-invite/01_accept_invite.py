"""Team invitation acceptance for Marigold, single use and bound to the invitee."""
from datetime import datetime, timezone

from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .extensions import db
from .models import Invitation, TeamMember

invites_bp = Blueprint("invites", __name__, url_prefix="/invites")


@invites_bp.post("/<code>/accept")
@login_required
def accept_invitation(code):
    inv = Invitation.query.filter_by(code=code).with_for_update().first_or_404()
    now = datetime.now(timezone.utc)
    if inv.expires_at <= now:
        abort(410, "invitation expired")
    if inv.accepted_at is not None:
        abort(409, "invitation already used")
    if inv.email.casefold() != current_user.email.casefold():  # near-miss: reusable-invite
        abort(403)
    inv.accepted_at = now
    inv.accepted_by_id = current_user.id
    db.session.add(TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role))
    db.session.commit()
    return jsonify(team=inv.team_id, role=inv.role), 201
