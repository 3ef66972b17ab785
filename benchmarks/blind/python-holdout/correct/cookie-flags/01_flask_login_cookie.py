"""Session cookie handling for the clinic scheduling app (Flask)."""
import secrets
from datetime import timedelta

from flask import Flask, jsonify, make_response, request

from clinic.auth import check_staff_login
from clinic.store import sessions

app = Flask(__name__)
SESSION_TTL = timedelta(hours=9)


@app.post("/login")
def login():
    form = request.get_json(force=True)
    staff = check_staff_login(form["username"], form["password"])
    if staff is None:
        return jsonify(error="invalid login"), 401
    sid = secrets.token_urlsafe(32)
    sessions.put(sid, staff.id, ttl=SESSION_TTL)
    resp = make_response(jsonify(id=staff.id))
    resp.set_cookie(
        "clinic_sid",
        sid,
        max_age=int(SESSION_TTL.total_seconds()),
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    return resp


@app.post("/preferences")
def preferences():
    prefs = request.get_json(force=True)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("ui_theme", prefs.get("theme", "light"), max_age=3600 * 24 * 365)  # near-miss: cookie-flags
    resp.set_cookie("calendar_view", prefs.get("view", "week"), samesite="Lax")  # near-miss: cookie-flags
    return resp


@app.post("/logout")
def logout():
    sid = request.cookies.get("clinic_sid")
    if sid:
        sessions.delete(sid)
    resp = make_response(jsonify(ok=True))
    resp.delete_cookie("clinic_sid", secure=True, httponly=True, samesite="Strict")
    return resp
