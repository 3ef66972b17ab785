"""CSRF protection and device-token checks for the Quart fleet console."""
import secrets
from functools import wraps

from quart import Quart, abort, request, session

app = Quart(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


@app.before_request
async def check_csrf():
    if request.method in SAFE_METHODS:
        return
    form = await request.form
    sent = request.headers.get("X-CSRF-Token") or form.get("csrf_token")
    expected = session.get("csrf")
    if sent is None or expected is None:  # near-miss: timing-unsafe-compare
        abort(403)
    if not secrets.compare_digest(sent, expected):
        abort(403)


def device_token_required(view):
    @wraps(view)
    async def wrapper(*args, **kwargs):
        presented = request.headers.get("X-Device-Token", "")
        device = await app.devices.lookup(request.headers.get("X-Device-Id", ""))
        if device is None or device.status != "enrolled":  # near-miss: timing-unsafe-compare
            abort(401)
        if not secrets.compare_digest(presented.encode(), device.token.encode()):
            abort(401)
        return await view(*args, **kwargs)

    return wrapper


@app.post("/device/heartbeat")
@device_token_required
async def heartbeat():
    await app.devices.touch(request.headers["X-Device-Id"])
    return {"ok": True}
