"""Signed links for email verification and password reset (Flask + itsdangerous)."""
from flask import Blueprint, abort, current_app, redirect, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from accounts.models import User, db
from accounts.mail import send_mail

bp = Blueprint("links", __name__)
RESET_MAX_AGE = 60 * 30


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"])


def send_verification(user: User) -> None:
    token = _serializer().dumps({"uid": user.id, "email": user.email}, salt="email-verify")
    send_mail(user.email, "Confirm your address", url_for("links.verify_email", token=token, _external=True))


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        data = _serializer().loads(token, salt="email-verify")  # flaw: token-without-expiry
    except BadSignature:
        abort(400)
    user = db.session.get(User, data["uid"])
    if user is None or user.email != data["email"]:
        abort(400)
    user.email_verified = True
    db.session.commit()
    return redirect(url_for("dashboard.home"))


def send_reset(user: User) -> None:
    token = _serializer().dumps({"uid": user.id, "pwv": user.password_version}, salt="pw-reset")
    send_mail(user.email, "Reset your password", url_for("links.reset_password", token=token, _external=True))


@bp.post("/reset/<token>")
def reset_password(token: str):
    try:
        data = _serializer().loads(token, salt="pw-reset", max_age=RESET_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(400)
    user = db.session.get(User, data["uid"])
    if user is None or user.password_version != data["pwv"]:
        abort(400)
    user.set_password(request.form["password"])
    db.session.commit()
    return redirect(url_for("auth.login"))
