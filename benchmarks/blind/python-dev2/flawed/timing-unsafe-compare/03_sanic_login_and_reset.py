"""Login and password-reset confirmation for the Sanic clinic portal."""
import hashlib
import os
from datetime import datetime, timezone

from sanic import Blueprint
from sanic.exceptions import BadRequest, Unauthorized
from sanic.response import json

bp = Blueprint("auth", url_prefix="/auth")

ITERATIONS = 310_000


def derive(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)


@bp.post("/login")
async def login(request):
    body = request.json or {}
    user = await request.app.ctx.users.by_email(body.get("email", ""))
    if user is None:
        raise Unauthorized("invalid credentials")
    candidate = derive(body.get("password", ""), bytes.fromhex(user.salt))
    if candidate.hex() != user.password_hash:  # flaw: timing-unsafe-compare
        raise Unauthorized("invalid credentials")
    token = await request.app.ctx.sessions.start(user.id)
    return json({"token": token})


@bp.post("/reset/confirm")
async def confirm_reset(request):
    body = request.json or {}
    record = await request.app.ctx.resets.get(body.get("reset_id", ""))
    if record is None or record.used_at is not None or record.expires_at < datetime.now(timezone.utc):
        raise BadRequest("reset link is no longer valid")
    presented = body.get("token", "")
    if not presented == record.token:  # flaw: timing-unsafe-compare
        raise BadRequest("reset link is no longer valid")
    salt = os.urandom(16)
    await request.app.ctx.users.set_password(record.user_id, derive(body["new_password"], salt).hex(), salt.hex())
    await request.app.ctx.resets.mark_used(record.id)
    return json({"ok": True})
