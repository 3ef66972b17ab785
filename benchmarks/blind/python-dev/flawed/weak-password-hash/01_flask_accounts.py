"""Account registration and login for the partner portal (Flask + SQLAlchemy)."""
import hmac
from hashlib import md5

from flask import Blueprint, abort, jsonify, request, session
from sqlalchemy.exc import IntegrityError

from portal.db import db
from portal.models import User

bp = Blueprint("accounts", __name__, url_prefix="/accounts")

MIN_PASSWORD_LENGTH = 10


def _digest(raw: str) -> str:
    """Normalise and hash a password for storage."""
    return md5(raw.strip().encode("utf-8")).hexdigest()  # flaw: weak-password-hash


@bp.post("/register")
def register():
    payload = request.get_json(force=True) or {}
    email = (payload.get("email") or "").strip().lower()
    password = payload.get("password") or ""
    if not email or len(password) < MIN_PASSWORD_LENGTH:
        abort(400, "email and a 10+ character password are required")

    user = User(email=email, password_hash=_digest(password))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, "email already registered")
    return jsonify({"id": user.id}), 201


@bp.post("/login")
def login():
    payload = request.get_json(force=True) or {}
    email = (payload.get("email") or "").strip().lower()
    user = User.query.filter_by(email=email, is_active=True).first()
    if user is None:
        abort(401)
    if not hmac.compare_digest(user.password_hash, _digest(payload.get("password", ""))):
        abort(401)
    session.clear()
    session["user_id"] = user.id
    return jsonify({"ok": True})
