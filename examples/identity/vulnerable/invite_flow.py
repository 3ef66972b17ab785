"""Team invitations (vulnerable version: see ../fixed/invite_flow.py)."""

import random
import string
from datetime import datetime, timedelta

from flask import Flask, abort, jsonify, request

from .models import Invitation, Membership, db

app = Flask(__name__)


def make_invite_code() -> str:
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(24))


@app.post("/teams/<team_id>/invitations")
def invite(team_id):
    body = request.get_json()
    invitation = Invitation(
        team_id=team_id,
        email=body["email"],
        role=body["role"],
        code=make_invite_code(),
        expires_at=datetime.utcnow() + timedelta(days=90),
    )
    db.session.add(invitation)
    db.session.commit()
    return jsonify(code=invitation.code), 201


@app.post("/invitations/<code>/accept")
def accept(code):
    invitation = Invitation.query.filter_by(code=code).first()
    if invitation is None:
        abort(404)
    db.session.add(Membership(team_id=invitation.team_id, user_id=request.user.id, role=invitation.role))
    db.session.commit()
    return jsonify(ok=True)
