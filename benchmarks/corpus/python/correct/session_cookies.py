"""Login session cookies and UI preference cookies for the web console."""

import secrets
from datetime import timedelta

from flask import Flask, make_response, request, session

app = Flask(__name__)
app.config.update(
    PERMANENT_SESSION_LIFETIME=timedelta(hours=8),  # ok: IDG116
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
ONE_YEAR = 60 * 60 * 24 * 365


@app.post("/preferences/theme")
def set_theme():
    response = make_response("", 204)
    response.set_cookie("theme", request.form["theme"], max_age=ONE_YEAR, samesite="Lax")  # ok: IDG116
    return response


@app.post("/login/complete")
def complete_login():
    session.clear()
    session.permanent = True
    session["csrf"] = secrets.token_urlsafe(16)  # ok: IDG118
    response = make_response("", 204)
    response.set_cookie("console_sid", secrets.token_urlsafe(32), max_age=60 * 60 * 8, secure=True, httponly=True)  # ok: IDG116, IDG118
    return response
