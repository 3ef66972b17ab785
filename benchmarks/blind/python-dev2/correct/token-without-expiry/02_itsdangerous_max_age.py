"""E-mail verification and password-reset links for the Flask members site."""
import hmac

from flask import Blueprint, abort, current_app, redirect, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

bp = Blueprint("links", __name__)

VERIFY_MAX_AGE = 60 * 60 * 24
RESET_MAX_AGE = 60 * 20


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def verification_link(user) -> str:
    token = _serializer("verify-email").dumps({"uid": user.id, "email": user.email})  # near-miss: token-without-expiry
    return url_for("links.verify_email", token=token, _external=True)


def reset_link(user) -> str:
    token = _serializer("password-reset").dumps({"uid": user.id, "pw": user.password_hash[-12:]})  # near-miss: token-without-expiry
    return url_for("links.reset_password", token=token, _external=True)


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        data = _serializer("verify-email").loads(token, max_age=VERIFY_MAX_AGE)
    except SignatureExpired:
        return redirect(url_for("links.resend"))
    except BadSignature:
        abort(400)
    current_app.users.mark_verified(data["uid"], data["email"])
    return redirect(url_for("home"))


@bp.post("/reset/<token>")
def reset_password(token: str):
    try:
        data = _serializer("password-reset").loads(token, max_age=RESET_MAX_AGE)
    except BadSignature:
        abort(400)
    user = current_app.users.get(data["uid"])
    if user is None or not hmac.compare_digest(user.password_hash[-12:], data["pw"]):
        abort(400)
    current_app.users.set_password(user, request.form["password"])
    return redirect(url_for("login"))


@bp.get("/verify/resend")
def resend():
    return "Your link expired; request a new one from your profile."
