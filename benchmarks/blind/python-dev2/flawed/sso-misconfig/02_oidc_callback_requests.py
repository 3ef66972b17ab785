"""OpenID Connect login for the Flask wiki, implemented against the IdP directly."""
import hmac
import os
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Flask, abort, redirect, request, session, url_for

from .models import User, db

app = Flask(__name__)
app.secret_key = os.environ["WIKI_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

ISSUER = os.environ.get("OIDC_ISSUER", "https://login.example.com")
CLIENT_ID = os.environ["OIDC_CLIENT_ID"]
CLIENT_SECRET = os.environ["OIDC_CLIENT_SECRET"]
_jwks = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


@app.get("/login")
def login():
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    session["oidc_state"], session["oidc_nonce"] = state, nonce
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": url_for("callback", _external=True),
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
    }
    return redirect(f"{ISSUER}/authorize?{urlencode(params)}")


@app.get("/oidc/callback")
def callback():  # flaw: sso-misconfig
    code = request.args.get("code")
    if not code:
        abort(400)
    token_resp = requests.post(
        f"{ISSUER}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": url_for("callback", _external=True),
        },
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=10,
    )
    token_resp.raise_for_status()
    id_token = token_resp.json()["id_token"]
    key = _jwks.get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    expected_nonce = session.pop("oidc_nonce", "")
    if not expected_nonce or not hmac.compare_digest(claims.get("nonce", ""), expected_nonce):
        abort(400)

    user = User.query.filter_by(email=claims["email"].lower()).first()  # flaw: sso-misconfig
    if user is None:
        user = User(email=claims["email"].lower(), display_name=claims.get("name", ""))
        db.session.add(user)
    user.oidc_subject = claims["sub"]
    db.session.commit()
    session["user_id"] = user.id
    return redirect(url_for("index"))


@app.get("/")
def index():
    return "wiki home"
