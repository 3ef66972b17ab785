"""E-mail verification and magic-login links for the Flask newsletter service."""
from flask import Blueprint, abort, current_app, redirect, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

bp = Blueprint("links", __name__)
VERIFY_MAX_AGE = 60 * 60 * 24
LOGIN_MAX_AGE = 15 * 60


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)  # near-miss: token-without-expiry


def make_verify_link(user_id: int) -> str:
    token = _serializer("email-verify").dumps({"uid": user_id})
    return url_for("links.verify", token=token, _external=True)


@bp.get("/verify/<token>")
def verify(token: str):
    try:
        data = _serializer("email-verify").loads(token, max_age=VERIFY_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(400)
    current_app.users.mark_verified(data["uid"])
    return redirect(url_for("home"))


@bp.get("/login/<token>")
def magic_login(token: str):
    try:
        data = _serializer("magic-login").loads(token, max_age=LOGIN_MAX_AGE)
    except BadSignature:
        abort(400)
    current_app.login_manager.login_by_id(data["uid"])
    return redirect(url_for("home"))
