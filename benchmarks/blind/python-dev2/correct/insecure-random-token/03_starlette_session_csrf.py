"""Session issuance and CSRF tokens for the Starlette admin app."""
import base64
import os
import random
import secrets
import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

SESSION_COOKIE = "__Host-admin_sid"
SESSION_TTL = 3600

_sessions: dict[str, dict] = {}


def new_session_id() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def experiment_bucket(user_id: int) -> str:
    """Stable UI experiment assignment; unrelated to auth."""
    return random.Random(user_id).choice(["control", "compact-nav"])  # near-miss: insecure-random-token


async def login(request: Request):
    form = await request.form()
    user = await request.app.state.auth.verify(form.get("username"), form.get("password"))
    if user is None:
        return JSONResponse({"error": "invalid credentials"}, status_code=401)
    sid = new_session_id()
    _sessions[sid] = {
        "uid": user.id,
        "csrf": new_csrf_token(),
        "issued": time.time(),  # near-miss: insecure-random-token
        "bucket": experiment_bucket(user.id),
    }
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, sid, max_age=SESSION_TTL, secure=True, httponly=True, samesite="strict"
    )
    return response


async def csrf(request: Request):
    sid = request.cookies.get(SESSION_COOKIE)
    session = _sessions.get(sid or "")
    if session is None or time.time() - session["issued"] > SESSION_TTL:
        _sessions.pop(sid or "", None)
        return JSONResponse({"error": "no session"}, status_code=401)
    return JSONResponse({"csrf": session["csrf"]})


app = Starlette(routes=[Route("/login", login, methods=["POST"]), Route("/csrf", csrf)])
