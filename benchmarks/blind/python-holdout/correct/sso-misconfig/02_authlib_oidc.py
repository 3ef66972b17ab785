"""OpenID Connect login with authlib; state and nonce checked, email linking only when verified."""
from __future__ import annotations

import os

from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, redirect, session, url_for

from portal.models import User, db

bp = Blueprint("oidc", __name__)
oauth = OAuth()
oauth.register(
    "corp",
    server_metadata_url=f"{os.environ['OIDC_ISSUER']}/.well-known/openid-configuration",
    client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"],
    client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
)


@bp.get("/login")
def login():
    return oauth.corp.authorize_redirect(url_for("oidc.callback", _external=True))


@bp.get("/callback")
def callback():
    token = oauth.corp.authorize_access_token()  # validates state, PKCE and the ID token nonce
    claims = token.get("userinfo") or abort(401)
    user = link_or_create(claims)
    session.clear()
    session["user_id"] = user.id
    return redirect(url_for("home.index"))


def link_or_create(claims: dict) -> User:
    user = User.query.filter_by(oidc_subject=claims["sub"]).first()
    if user is not None:
        return user
    if not claims.get("email_verified"):
        abort(403, "verify your email with the identity provider first")
    user = User.query.filter_by(email=claims["email"].lower()).first()  # near-miss: sso-misconfig
    if user is not None:
        user.oidc_subject = claims["sub"]
    else:
        user = User(email=claims["email"].lower(), oidc_subject=claims["sub"], display_name=claims.get("name", ""))
        db.session.add(user)
    db.session.commit()
    return user
