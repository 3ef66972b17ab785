"""Team invitations for the Flask project-tracker."""
from datetime import datetime, timezone

from flask import Blueprint, abort, g, jsonify
from sqlalchemy import update

from .auth import login_required
from .models import TeamInvite, TeamMember, db

bp = Blueprint("invites", __name__)


def _claim(invite_id: int) -> bool:
    """Atomically mark an invite as used; False if someone beat us to it."""
    result = db.session.execute(
        update(TeamInvite)
        .where(TeamInvite.id == invite_id, TeamInvite.used_at.is_(None))
        .values(used_at=datetime.now(timezone.utc))
    )
    return result.rowcount == 1


@bp.post("/invites/<code>/accept")
@login_required
def accept(code: str):  # flaw: reusable-invite
    invite = TeamInvite.query.filter_by(code=code).first()
    if invite is None:
        abort(404)
    if invite.expires_at <= datetime.now(timezone.utc):
        abort(410)
    if not _claim(invite.id):
        abort(409)
    db.session.add(TeamMember(team_id=invite.team_id, user_id=g.user.id, role=invite.role))
    db.session.commit()
    return jsonify(team_id=invite.team_id)


@bp.get("/invites/<code>")
def preview(code: str):
    invite = TeamInvite.query.filter_by(code=code).first_or_404()
    return jsonify(team=invite.team.name, invited_email=invite.email, expires_at=invite.expires_at.isoformat())
