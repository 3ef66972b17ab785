"""Hand-rolled OpenID Connect login against the corporate IdP (Flask + requests + PyJWT)."""
from __future__ import annotations

import os
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Blueprint, abort, redirect, request, session, url_for

from portal.models import User, db

bp = Blueprint("oidc", __name__)
ISSUER = os.environ["OIDC_ISSUER"]
CLIENT_ID = os.environ["OIDC_CLIENT_ID"]
CLIENT_SECRET = os.environ["OIDC_CLIENT_SECRET"]
jwks = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


@bp.get("/login")
def login():
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    session["oidc_state"], session["oidc_nonce"] = state, nonce
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": url_for("oidc.callback", _external=True),
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
    }
    return redirect(f"{ISSUER}/authorize?{urlencode(params)}")


@bp.get("/callback")
def callback():  # flaw: sso-misconfig
    if "error" in request.args:
        abort(401)
    token_resp = requests.post(
        f"{ISSUER}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": request.args["code"],
            "redirect_uri": url_for("oidc.callback", _external=True),
        },
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=10,
    )
    token_resp.raise_for_status()
    id_token = token_resp.json()["id_token"]
    key = jwks.get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    user = link_or_create(claims)
    session.clear()
    session["user_id"] = user.id
    return redirect(url_for("home.index"))


def link_or_create(claims: dict) -> User:  # flaw: sso-misconfig
    user = User.query.filter_by(oidc_subject=claims["sub"]).first()
    if user is not None:
        return user
    user = User.query.filter_by(email=claims["email"].lower()).first()
    if user is not None:
        user.oidc_subject = claims["sub"]
    else:
        user = User(email=claims["email"].lower(), oidc_subject=claims["sub"], display_name=claims.get("name", ""))
        db.session.add(user)
    db.session.commit()
    return user
