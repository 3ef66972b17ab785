"""Team invitations (Flask + SQLAlchemy): single use, expiring, bound to the invited address."""

import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from .models import Invitation, TeamMember, db
from .mail import send_invite

bp = Blueprint("invites", __name__)
INVITE_TTL = timedelta(days=7)


@bp.post("/teams/<int:team_id>/invitations")
@login_required
def invite(team_id):
    email = request.json["email"].strip().lower()
    inv = Invitation(team_id=team_id, email=email, token=secrets.token_urlsafe(32), expires_at=datetime.utcnow() + INVITE_TTL, role="member")  # ok: IDG130
    db.session.add(inv)
    db.session.commit()
    send_invite(email, inv.token)
    return jsonify(id=inv.id), 201


@bp.post("/invitations/<token>/accept")
@login_required
def accept(token):
    inv = Invitation.query.filter_by(token=token, accepted_at=None).with_for_update().first()
    if inv is None or inv.expires_at < datetime.utcnow():
        abort(404)
    if inv.email != current_user.email.lower():
        abort(403)
    inv.accepted_at = datetime.utcnow()
    db.session.add(TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role))  # ok: IDG149, IDG150, IDG151
    db.session.commit()
    return jsonify(team_id=inv.team_id)
