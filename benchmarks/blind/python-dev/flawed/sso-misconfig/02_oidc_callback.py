"""OpenID Connect login for the Flask dashboard (authorization code flow)."""
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Blueprint, abort, current_app, redirect, request, session, url_for

from dashboard.accounts import find_or_create_user
from dashboard.oidc import discovery, jwks_client

bp = Blueprint("oidc", __name__, url_prefix="/oidc")


@bp.get("/login")
def login():
    cfg = discovery()
    session["oidc_state"] = secrets.token_urlsafe(24)
    session["oidc_nonce"] = secrets.token_urlsafe(24)
    params = {
        "response_type": "code",
        "client_id": current_app.config["OIDC_CLIENT_ID"],
        "redirect_uri": url_for("oidc.callback", _external=True),
        "scope": "openid email profile",
        "state": session["oidc_state"],
        "nonce": session["oidc_nonce"],
    }
    return redirect(f"{cfg['authorization_endpoint']}?{urlencode(params)}")


@bp.get("/callback")
def callback():  # flaw: sso-misconfig
    if "error" in request.args:
        abort(400, request.args["error"])
    code = request.args.get("code")
    if not code:
        abort(400)
    cfg = discovery()
    resp = requests.post(
        cfg["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": url_for("oidc.callback", _external=True)},
        auth=(current_app.config["OIDC_CLIENT_ID"], current_app.config["OIDC_CLIENT_SECRET"]),
        timeout=10,
    )
    resp.raise_for_status()
    id_token = resp.json()["id_token"]
    key = jwks_client().get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=current_app.config["OIDC_CLIENT_ID"], issuer=cfg["issuer"])
    session.pop("oidc_state", None)
    session.pop("oidc_nonce", None)
    user = find_or_create_user(sub=claims["sub"], email=claims.get("email"), name=claims.get("name"))
    session["user_id"] = user.id
    return redirect(url_for("dashboard.home"))
