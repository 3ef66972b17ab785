"""Password reset by emailed six-digit code (Flask)."""
import hmac
import random
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, current_app, jsonify, request

from shop.db import db
from shop.mail import send_template
from shop.models import PasswordResetCode, User
from shop.security import hash_password, hash_reset_code

bp = Blueprint("password_reset", __name__)

CODE_TTL = timedelta(minutes=15)


def _new_code() -> str:
    return f"{random.randint(0, 999999):06d}"  # flaw: insecure-random-token


@bp.post("/password/forgot")
def forgot_password():
    email = (request.form.get("email") or "").strip().lower()
    user = User.query.filter_by(email=email).first()
    if user is not None:
        code = _new_code()
        db.session.add(
            PasswordResetCode(
                user_id=user.id,
                code_hash=hash_reset_code(code),
                expires_at=datetime.now(timezone.utc) + CODE_TTL,
            )
        )
        db.session.commit()
        send_template(user.email, "reset_code.txt", code=code)
    # same response whether or not the account exists
    return jsonify({"sent": True})


@bp.post("/password/reset")
def reset_password():
    email = (request.form.get("email") or "").strip().lower()
    code = request.form.get("code", "")
    user = User.query.filter_by(email=email).first_or_404()
    record = (
        PasswordResetCode.query.filter_by(user_id=user.id, used_at=None)
        .order_by(PasswordResetCode.id.desc())
        .first()
    )
    if record is None or record.expires_at < datetime.now(timezone.utc):
        abort(400, "code expired")
    if not hmac.compare_digest(record.code_hash, hash_reset_code(code)):
        abort(400, "invalid code")
    user.password_hash = hash_password(request.form["new_password"])
    record.used_at = datetime.now(timezone.utc)
    db.session.commit()
    current_app.logger.info("password reset completed for user_id=%s", user.id)
    return jsonify({"ok": True})
