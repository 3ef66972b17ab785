"""Passwordless sign-in links: short-lived, single-use, bound to the account."""
import hmac
from datetime import datetime, timezone

from flask import Blueprint, abort, redirect, session, url_for

from portal.db import db
from portal.models import MagicLink
from portal.security import token_digest

bp = Blueprint("magic", __name__)


@bp.get("/login/email/<token>")
def consume(token: str):
    now = datetime.now(timezone.utc)
    link = MagicLink.query.filter_by(token_hash=token_digest(token)).with_for_update().first()
    if link is None or link.used_at is not None:
        abort(404)
    if link.expires_at <= now:
        abort(410)
    if not hmac.compare_digest(link.token_hash, token_digest(token)):
        abort(404)
    link.used_at = now
    # invalidate any other outstanding links for the same user
    MagicLink.query.filter(MagicLink.user_id == link.user_id, MagicLink.used_at.is_(None)).update({"used_at": now})
    db.session.commit()
    session.clear()
    session["user_id"] = link.user_id  # near-miss: reusable-invite
    return redirect(url_for("dashboard.home"))
