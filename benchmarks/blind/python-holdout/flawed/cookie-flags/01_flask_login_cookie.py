"""Login/logout blueprint for the support desk (Flask, server-side sessions)."""
import secrets
from datetime import timedelta

from flask import Blueprint, current_app, jsonify, make_response, request

from helpdesk.auth import verify_agent_credentials
from helpdesk.sessions import SessionStore

bp = Blueprint("auth", __name__, url_prefix="/auth")
SESSION_LIFETIME = timedelta(hours=10)


def _store() -> SessionStore:
    return current_app.extensions["session_store"]


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    agent = verify_agent_credentials(data.get("email", ""), data.get("password", ""))
    if agent is None:
        return jsonify(error="invalid credentials"), 401

    session_id = secrets.token_urlsafe(32)
    _store().save(session_id, agent_id=agent.id, ttl=SESSION_LIFETIME)

    resp = make_response(jsonify(agent_id=agent.id, name=agent.display_name))
    resp.set_cookie("hd_session", session_id, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True)  # flaw: cookie-flags
    resp.set_cookie("hd_theme", data.get("theme", "light"), max_age=3600 * 24 * 365)
    return resp


@bp.post("/logout")
def logout():
    sid = request.cookies.get("hd_session")
    if sid:
        _store().delete(sid)
    resp = make_response(jsonify(ok=True))
    resp.delete_cookie("hd_session")
    return resp


@bp.get("/me")
def me():
    sid = request.cookies.get("hd_session")
    record = _store().load(sid) if sid else None
    if record is None:
        return jsonify(error="not signed in"), 401
    return jsonify(agent_id=record["agent_id"])
