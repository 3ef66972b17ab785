"""Email verification and password-reset links for the Flask app."""
import hmac

from flask import Blueprint, abort, current_app, redirect, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from webapp.db import db
from webapp.models import User
from webapp.security import hash_password

bp = Blueprint("links", __name__)

VERIFY_MAX_AGE = 60 * 60 * 24 * 365  # flaw: token-without-expiry


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def email_verification_link(user: User) -> str:
    token = _serializer("verify-email").dumps({"uid": user.id, "email": user.email})
    return url_for("links.verify_email", token=token, _external=True)


def password_reset_link(user: User) -> str:
    token = _serializer("password-reset").dumps({"uid": user.id, "pw": user.password_hash[-8:]})
    return url_for("links.reset_password", token=token, _external=True)


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        data = _serializer("verify-email").loads(token, max_age=VERIFY_MAX_AGE)
    except (SignatureExpired, BadSignature):
        abort(400)
    user = db.session.get(User, data["uid"])
    if user is None or user.email != data["email"]:
        abort(400)
    user.email_verified = True
    db.session.commit()
    return redirect(url_for("home"))


@bp.post("/reset/<token>")
def reset_password(token: str):
    try:
        data = _serializer("password-reset").loads(token)  # flaw: token-without-expiry
    except BadSignature:
        abort(400)
    user = db.session.get(User, data["uid"])
    # binding to the current hash makes the link single-use
    if user is None or not hmac.compare_digest(user.password_hash[-8:], data["pw"]):
        abort(400)
    user.password_hash = hash_password(request.form["password"])
    db.session.commit()
    return redirect(url_for("auth.login"))
