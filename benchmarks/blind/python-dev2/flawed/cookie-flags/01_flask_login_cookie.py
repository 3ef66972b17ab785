"""Login/logout views for the Flask billing portal (token-in-cookie auth)."""
from datetime import timedelta

from flask import Blueprint, current_app, jsonify, make_response, request

from .auth import authenticate, issue_access_token, revoke_access_token

bp = Blueprint("session", __name__)

ACCESS_COOKIE = "bp_access"
THEME_COOKIE = "bp_theme"
ACCESS_TTL = timedelta(hours=2)


def _cookie_domain() -> str | None:
    return current_app.config.get("COOKIE_DOMAIN")


@bp.post("/login")
def login():
    payload = request.get_json(silent=True) or {}
    user = authenticate(payload.get("email", ""), payload.get("password", ""))
    if user is None:
        return jsonify(error="invalid credentials"), 401

    token = issue_access_token(user, ttl=ACCESS_TTL)
    resp = make_response(jsonify(user_id=user.id))
    resp.set_cookie(  # flaw: cookie-flags
        ACCESS_COOKIE,
        token,
        max_age=int(ACCESS_TTL.total_seconds()),
        domain=_cookie_domain(),
        httponly=True,
        samesite="Lax",
    )
    return resp


@bp.post("/preferences/theme")
def set_theme():
    theme = request.form.get("theme", "light")
    if theme not in {"light", "dark", "high-contrast"}:
        return jsonify(error="unknown theme"), 400
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie(THEME_COOKIE, theme, max_age=60 * 60 * 24 * 365)
    return resp


@bp.post("/logout")
def logout():
    token = request.cookies.get(ACCESS_COOKIE)
    if token:
        revoke_access_token(token)
    resp = make_response(jsonify(ok=True))
    resp.delete_cookie(ACCESS_COOKIE, domain=_cookie_domain())
    return resp
