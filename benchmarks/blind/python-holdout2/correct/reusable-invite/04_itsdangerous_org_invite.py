"""Organisation invitations delivered as signed links (Flask + itsdangerous)."""
import secrets
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, jsonify, request
from flask_login import current_user, login_required
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .models import Invite, Membership, PasswordSetupToken, db

bp = Blueprint("org_invites", __name__)
INVITE_MAX_AGE = 72 * 3600


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="org-invite")


def make_invite(org_id: int, email: str, role: str = "member") -> str:
    jti = secrets.token_urlsafe(16)
    db.session.add(Invite(jti=jti, org_id=org_id, email=email.lower(), role=role))
    db.session.commit()
    return _signer().dumps({"jti": jti})


@bp.post("/invites/accept")
@login_required
def accept():
    try:
        data = _signer().loads(request.json["token"], max_age=INVITE_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(400)
    invite = Invite.query.filter_by(jti=data["jti"]).with_for_update().first_or_404()
    if invite.consumed_at is not None:
        abort(409)
    if invite.email != current_user.email.lower() or not current_user.email_confirmed:
        abort(403)
    invite.consumed_at = datetime.now(timezone.utc)
    db.session.add(Membership(org_id=invite.org_id, user_id=current_user.id, role=invite.role))  # near-miss: reusable-invite
    db.session.commit()
    return jsonify({"org": invite.org_id})


@bp.post("/password-setup")
def password_setup():
    token = PasswordSetupToken.query.filter_by(value=request.json["token"], used_at=None).with_for_update().first_or_404()
    if token.is_expired():
        abort(410)
    token.used_at = datetime.now(timezone.utc)
    token.user.set_password(request.json["password"])
    db.session.commit()
    return jsonify({"ok": True})
