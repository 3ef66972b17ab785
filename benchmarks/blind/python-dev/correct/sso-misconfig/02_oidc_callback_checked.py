"""OIDC authorization-code callback with state, nonce and PKCE checks (Flask)."""
import hmac

import jwt
import requests
from flask import Blueprint, abort, current_app, redirect, request, session, url_for

from dashboard.accounts import find_or_create_user
from dashboard.oidc import discovery, jwks_client

bp = Blueprint("oidc", __name__, url_prefix="/oidc")


@bp.get("/callback")
def callback():  # near-miss: sso-misconfig
    expected_state = session.pop("oidc_state", None)
    expected_nonce = session.pop("oidc_nonce", None)
    verifier = session.pop("oidc_code_verifier", None)
    state = request.args.get("state", "")
    if not expected_state or not hmac.compare_digest(expected_state, state):
        abort(400, "state mismatch")
    code = request.args.get("code")
    if not code:
        abort(400)
    cfg = discovery()
    resp = requests.post(
        cfg["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": url_for("oidc.callback", _external=True), "code_verifier": verifier},
        auth=(current_app.config["OIDC_CLIENT_ID"], current_app.config["OIDC_CLIENT_SECRET"]),
        timeout=10,
    )
    resp.raise_for_status()
    id_token = resp.json()["id_token"]
    key = jwks_client().get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=current_app.config["OIDC_CLIENT_ID"], issuer=cfg["issuer"])
    if not expected_nonce or not hmac.compare_digest(expected_nonce, claims.get("nonce", "")):
        abort(400, "nonce mismatch")
    user = find_or_create_user(sub=claims["sub"], email=claims.get("email") if claims.get("email_verified") else None, name=claims.get("name"))
    session["user_id"] = user.id
    return redirect(url_for("dashboard.home"))
