"""Organisation invitations delivered as signed links (Flask + itsdangerous)."""
from flask import Blueprint, abort, current_app, g, jsonify, request
from flask_login import current_user, login_required
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .models import Membership, PasswordSetupToken, db

bp = Blueprint("org_invites", __name__)
INVITE_MAX_AGE = 72 * 3600


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="org-invite")


def make_invite(org_id: int, email: str, role: str = "member") -> str:
    return _signer().dumps({"org": org_id, "email": email.lower(), "role": role})


@bp.post("/invites/accept")
@login_required
def accept():  # flaw: reusable-invite
    try:
        data = _signer().loads(request.json["token"], max_age=INVITE_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(400)
    if Membership.query.filter_by(org_id=data["org"], user_id=current_user.id).first():
        return jsonify({"org": data["org"], "already_member": True})
    db.session.add(Membership(org_id=data["org"], user_id=current_user.id, role=data["role"]))
    db.session.commit()
    return jsonify({"org": data["org"]})


@bp.post("/password-setup")
def password_setup():  # flaw: reusable-invite
    token = PasswordSetupToken.query.filter_by(value=request.json["token"]).first_or_404()
    if token.is_expired():
        abort(410)
    user = token.user
    user.set_password(request.json["password"])
    db.session.commit()
    return jsonify({"ok": True})
