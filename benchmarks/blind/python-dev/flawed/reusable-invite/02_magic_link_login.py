"""Passwordless e-mail sign-in for the Flask customer portal."""
import secrets
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, redirect, request, session, url_for

from portal.db import db
from portal.mail import send_magic_link
from portal.models import MagicLink, User
from portal.security import token_digest

bp = Blueprint("magic", __name__)
LINK_TTL = timedelta(minutes=15)


@bp.post("/login/email")
def request_link():
    email = (request.form.get("email") or "").strip().lower()
    user = User.query.filter_by(email=email, is_active=True).first()
    if user:
        token = secrets.token_urlsafe(32)
        db.session.add(MagicLink(user_id=user.id, token_hash=token_digest(token), expires_at=datetime.now(timezone.utc) + LINK_TTL))
        db.session.commit()
        send_magic_link(user.email, url_for("magic.consume", token=token, _external=True))
    return redirect(url_for("magic.check_inbox"))


@bp.get("/login/email/<token>")
def consume(token: str):  # flaw: reusable-invite
    link = MagicLink.query.filter_by(token_hash=token_digest(token), used_at=None).first()
    if link is None:
        abort(404)
    link.used_at = datetime.now(timezone.utc)
    db.session.commit()
    session.clear()
    session["user_id"] = link.user_id
    return redirect(url_for("dashboard.home"))


@bp.get("/login/email/sent")
def check_inbox():
    return "Check your inbox for a sign-in link."
