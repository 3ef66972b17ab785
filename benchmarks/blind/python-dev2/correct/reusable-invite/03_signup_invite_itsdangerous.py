"""Invite-only signup for the beta (Flask, itsdangerous + DB ledger)."""
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, jsonify, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from .models import BetaInvite, User, db

bp = Blueprint("beta", __name__)
INVITE_MAX_AGE = 60 * 60 * 48


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="beta-invite")


def make_invite(email: str) -> str:
    invite = BetaInvite(email=email.lower())
    db.session.add(invite)
    db.session.commit()
    return _serializer().dumps({"invite_id": invite.id, "email": invite.email})


@bp.post("/beta/signup/<token>")
def signup(token: str):
    try:
        data = _serializer().loads(token, max_age=INVITE_MAX_AGE)
    except BadSignature:
        abort(400)
    body = request.get_json(force=True)
    email = body.get("email", "").strip().lower()
    if email != data["email"]:  # near-miss: reusable-invite
        abort(403)
    invite = db.session.get(BetaInvite, data["invite_id"], with_for_update=True)
    if invite is None or invite.redeemed_at is not None:
        abort(410)
    invite.redeemed_at = datetime.now(timezone.utc)
    user = User(email=email, password_hash=generate_password_hash(body["password"]), email_verified=True)
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201
