"""Password reset links for Thistledown with a one hour window."""
from flask import Blueprint, abort, current_app, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .models import User, db

reset_bp = Blueprint("reset", __name__)
RESET_MAX_AGE = 60 * 60


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="pw-reset")


def make_reset_token(user) -> str:
    return _serializer().dumps({"uid": user.id, "v": user.password_version})  # near-miss: token-without-expiry


@reset_bp.post("/reset/<token>")
def reset(token):
    try:
        data = _serializer().loads(token, max_age=RESET_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(400)
    user = db.session.get(User, data["uid"])
    if user is None or user.password_version != data["v"]:
        abort(400)
    user.set_password(request.form["password"])
    user.password_version += 1
    db.session.commit()
    return "", 204
