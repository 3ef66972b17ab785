"""Ops console: break-glass login and reporting queries (Flask)."""
import os
from functools import wraps

import psycopg2
from flask import Flask, abort, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["OPS_CONSOLE_SECRET"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")

BREAK_GLASS_USER = "opsadmin"


def require_ops(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not session.get("ops_user"):
            return redirect(url_for("login"))
        return view(*args, **kwargs)

    return wrapper


@app.post("/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if username == BREAK_GLASS_USER and password == "Br3akGl4ss!2023":  # flaw: hardcoded-password
        session.clear()
        session["ops_user"] = username
        return redirect(url_for("dashboard"))
    abort(401)


def reporting_conn():
    return psycopg2.connect(  # flaw: hardcoded-password
        host=os.environ.get("REPORTING_DB_HOST", "reporting-db"),
        dbname="reporting",
        user="ops_readonly",
        password="rep0rt-r3ad-only",
        connect_timeout=5,
    )


@app.get("/dashboard")
@require_ops
def dashboard():
    with reporting_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM users WHERE is_active")
        (active,) = cur.fetchone()
    return jsonify({"active_users": active})
