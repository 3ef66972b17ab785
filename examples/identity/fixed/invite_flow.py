"""Team invitations (fixed version)."""

import secrets
from datetime import UTC, datetime, timedelta

from flask import Flask, abort, jsonify, request

from .models import Invitation, Membership, db
from .permissions import ROLE_RANK, current_membership

app = Flask(__name__)

INVITE_TTL = timedelta(days=7)
INVITABLE_ROLES = {"viewer", "member", "maintainer"}


@app.post("/teams/<team_id>/invitations")
def invite(team_id):
    body = request.get_json()
    inviter = current_membership(request.user, team_id)
    requested_role = body.get("role", "viewer")
    if requested_role not in INVITABLE_ROLES:
        abort(400)
    if inviter is None or ROLE_RANK[requested_role] > ROLE_RANK[inviter.role]:
        abort(403)
    invitation = Invitation(
        team_id=team_id,
        email=body["email"].lower(),
        role=requested_role,
        code=secrets.token_urlsafe(32),
        expires_at=datetime.now(UTC) + INVITE_TTL,
    )
    db.session.add(invitation)
    db.session.commit()
    return jsonify(id=invitation.id), 201


@app.post("/invitations/<code>/accept")
def accept(code):
    invitation = Invitation.query.filter_by(code=code, used_at=None).first()
    if invitation is None or invitation.expires_at < datetime.now(UTC):
        abort(404)
    if invitation.email != request.user.email.lower():
        abort(403)
    invitation.used_at = datetime.now(UTC)
    db.session.add(Membership(team_id=invitation.team_id, user_id=request.user.id, role=invitation.role))
    db.session.commit()
    return jsonify(ok=True)
