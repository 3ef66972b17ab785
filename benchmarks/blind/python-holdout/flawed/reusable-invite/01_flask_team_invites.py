"""Team invitations for the project tracker (Flask + SQLAlchemy)."""
import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from tracker.extensions import db
from tracker.mail import send_invite_email
from tracker.models import Invitation, TeamMembership
from tracker.permissions import require_team_role

bp = Blueprint("invites", __name__, url_prefix="/teams/<int:team_id>/invites")
INVITE_TTL = timedelta(days=3)


@bp.post("")
@login_required
@require_team_role("admin")
def create_invite(team_id: int):
    email = request.get_json(force=True)["email"].strip().lower()
    invite = Invitation(
        team_id=team_id,
        email=email,
        code=secrets.token_urlsafe(24),
        role="member",
        invited_by_id=current_user.id,
        expires_at=datetime.utcnow() + INVITE_TTL,
    )
    db.session.add(invite)
    db.session.commit()
    send_invite_email(email, invite.code)
    return jsonify(id=invite.id), 201


@bp.post("/accept")
@login_required
def accept_invite(team_id: int):  # flaw: reusable-invite
    code = request.get_json(force=True).get("code", "")
    invite = Invitation.query.filter_by(team_id=team_id, code=code).first()
    if invite is None:
        abort(404)
    if TeamMembership.query.filter_by(team_id=team_id, user_id=current_user.id).first():
        return jsonify(status="already a member")
    db.session.add(TeamMembership(team_id=team_id, user_id=current_user.id, role=invite.role))
    db.session.commit()
    return jsonify(status="joined", role=invite.role)
