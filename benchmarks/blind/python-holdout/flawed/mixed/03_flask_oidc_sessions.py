"""Corporate SSO login and server-side sessions for the analytics workbench (Flask)."""
from __future__ import annotations

import logging
import os
import random
import secrets
import time
from functools import wraps
from urllib.parse import urlencode

import jwt
import redis
import requests
from flask import Flask, abort, g, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["WORKBENCH_FLASK_SECRET"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

log = logging.getLogger("workbench.sso")
store = redis.Redis.from_url(os.environ["WORKBENCH_REDIS_URL"])

ISSUER = os.environ["SSO_ISSUER"]
CLIENT_ID = os.environ["SSO_CLIENT_ID"]
CLIENT_SECRET = os.environ["SSO_CLIENT_SECRET"]
TOKEN_ENDPOINT = f"{ISSUER}/oauth2/v1/token"
jwks = jwt.PyJWKClient(f"{ISSUER}/oauth2/v1/keys")
SESSION_TTL = 8 * 3600
SID_COOKIE = "wb_sid"


def _new_session_id() -> str:
    return "%032x" % random.getrandbits(128)  # flaw: insecure-random-token


def _create_session(user_id: str, groups: list[str]) -> str:
    sid = _new_session_id()
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


@app.get("/login")
def login():
    state = secrets.token_urlsafe(24)
    session["sso_state"] = state
    nxt = request.args.get("next", "/")
    session["next"] = nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"
    params = {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "scope": "openid profile email groups",
        "redirect_uri": url_for("callback", _external=True),
        "state": state,
    }
    return redirect(f"{ISSUER}/oauth2/v1/authorize?{urlencode(params)}")


@app.get("/sso/callback")
def callback():  # flaw: sso-misconfig
    code = request.args.get("code")
    if not code:
        abort(400)
    token_form = {"grant_type": "authorization_code", "code": code, "redirect_uri": url_for("callback", _external=True)}
    resp = requests.post(TOKEN_ENDPOINT, data=token_form, auth=(CLIENT_ID, CLIENT_SECRET), timeout=10, verify=False)  # flaw: tls-verification-off
    resp.raise_for_status()
    id_token = resp.json()["id_token"]
    claims = jwt.decode(id_token, jwks.get_signing_key_from_jwt(id_token).key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    sid = _create_session(claims["sub"], claims.get("groups", []))
    log.info("sso login sub=%s", claims["sub"])
    response = redirect(session.pop("next", "/"))
    response.set_cookie(SID_COOKIE, sid, max_age=SESSION_TTL, secure=True, samesite="Lax")  # flaw: cookie-flags
    return response


@app.post("/logout")
@login_required
def logout():
    sid = request.cookies.get(SID_COOKIE)
    store.delete(f"wb:sess:{sid}")
    response = redirect(url_for("login"))
    response.delete_cookie(SID_COOKIE)
    return response


@app.get("/notebooks")
@login_required
def notebooks():
    if "analytics-users" not in g.groups:
        abort(403)
    sample = random.sample(range(1000), 5)
    return {"user": g.user_id, "featured": sample}
