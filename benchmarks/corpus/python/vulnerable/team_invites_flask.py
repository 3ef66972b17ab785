"""Team invitations for the analytics product (Flask + SQLAlchemy)."""

import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from .models import Invitation, TeamMember, db
from .mail import send_invite

bp = Blueprint("invites", __name__)


@bp.post("/teams/<int:team_id>/invitations")
@login_required
def invite(team_id):
    email = request.json["email"]
    inv = Invitation(team_id=team_id, email=email, token=secrets.token_urlsafe(32), expires_at=datetime.utcnow() + timedelta(days=7), role="member")
    db.session.add(inv)
    db.session.commit()
    send_invite(email, inv.token)
    return jsonify(id=inv.id), 201


@bp.post("/invitations/<token>/accept")
@login_required
def accept(token):  # expect: IDG149, IDG151
    inv = Invitation.query.filter_by(token=token).first()
    if inv is None:
        abort(404)
    db.session.add(TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role))
    inv.accepted_at = datetime.utcnow()
    db.session.commit()
    return jsonify(team_id=inv.team_id)
