"""Password reset links for the Thistledown community forum."""
from flask import Blueprint, abort, current_app, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .mail import send_mail
from .models import User, db

reset_bp = Blueprint("reset", __name__)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="pw-reset")


@reset_bp.post("/forgot")
def forgot():
    user = User.query.filter_by(email=request.form["email"].lower()).first()
    if user:
        token = _serializer().dumps({"uid": user.id, "v": user.password_version})
        send_mail(user.email, "Reset your password", url_for("reset.reset", token=token, _external=True))
    return "", 202


@reset_bp.post("/reset/<token>")
def reset(token):
    try:
        data = _serializer().loads(token)  # flaw: token-without-expiry
    except BadSignature:
        abort(400)
    user = db.session.get(User, data["uid"])
    if user is None or user.password_version != data["v"]:
        abort(400)
    user.set_password(request.form["password"])
    user.password_version += 1
    db.session.commit()
    return "", 204
