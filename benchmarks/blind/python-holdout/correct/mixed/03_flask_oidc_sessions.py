"""Corporate SSO login and server-side sessions for the analytics workbench (Flask + authlib)."""
from __future__ import annotations

import logging
import os
import random
import secrets
import time
from functools import wraps

import redis
from authlib.integrations.flask_client import OAuth
from flask import Flask, abort, g, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["WORKBENCH_FLASK_SECRET"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)

log = logging.getLogger("workbench.sso")
store = redis.Redis.from_url(os.environ["WORKBENCH_REDIS_URL"])
CA_BUNDLE = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-ca.pem")
SESSION_TTL = 8 * 3600
SID_COOKIE = "wb_sid"

oauth = OAuth(app)
oauth.register(
    "corp",
    server_metadata_url=f"{os.environ['SSO_ISSUER']}/.well-known/openid-configuration",
    client_id=os.environ["SSO_CLIENT_ID"],
    client_secret=os.environ["SSO_CLIENT_SECRET"],
    client_kwargs={"scope": "openid profile email groups", "code_challenge_method": "S256", "verify": CA_BUNDLE},  # near-miss: tls-verification-off
)


def _create_session(user_id: str, groups: list[str]) -> str:
    sid = secrets.token_urlsafe(32)
    store.hset(f"wb:sess:{sid}", mapping={"uid": user_id, "groups": ",".join(groups), "created": int(time.time())})
    store.expire(f"wb:sess:{sid}", SESSION_TTL)
    return sid


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        sid = request.cookies.get(SID_COOKIE)
        record = store.hgetall(f"wb:sess:{sid}") if sid else None
        if not record:
            return redirect(url_for("login", next=request.path))
        g.user_id = record[b"uid"].decode()
        g.groups = record[b"groups"].decode().split(",")
        return view(*args, **kwargs)

    return wrapper


def _safe_next(value: str | None) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") else "/"


@app.get("/login")
def login():
    session["next"] = _safe_next(request.args.get("next"))
    return oauth.corp.authorize_redirect(url_for("callback", _external=True))


@app.get("/sso/callback")
def callback():
    token = oauth.corp.authorize_access_token()  # checks state, PKCE verifier and ID token nonce
    claims = token.get("userinfo")
    if not claims:
        abort(401)
    sid = _create_session(claims["sub"], claims.get("groups", []))
    log.info("sso login sub=%s", claims["sub"])
    response = redirect(session.pop("next", "/"))
    response.set_cookie(SID_COOKIE, sid, max_age=SESSION_TTL, secure=True, httponly=True, samesite="Lax")
    return response


@app.post("/logout")
@login_required
def logout():
    store.delete(f"wb:sess:{request.cookies.get(SID_COOKIE)}")
    response = redirect(url_for("login"))
    response.delete_cookie(SID_COOKIE, secure=True, httponly=True, samesite="Lax")
    return response


@app.get("/notebooks")
@login_required
def notebooks():
    if "analytics-users" not in g.groups:
        abort(403)
    featured = random.sample(range(1000), 5)  # near-miss: insecure-random-token
    return {"user": g.user_id, "featured": featured}


@app.post("/preferences/theme")
@login_required
def set_theme():
    theme = request.form.get("theme", "light")
    response = redirect(url_for("notebooks"))
    response.set_cookie("wb_theme", theme if theme in {"light", "dark"} else "light", max_age=31536000)  # near-miss: cookie-flags
    return response


@app.get("/healthz")
def healthz():
    try:
        store.ping()
    except redis.RedisError:
        return {"ok": False}, 503
    return {"ok": True}
