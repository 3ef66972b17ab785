"""SSO front door for the Flask partner portal.

Handles OIDC login against the corporate IdP, SCIM pushes from the IdP and a
small admin page for IdP-provisioned users.
"""
import base64
import hashlib
import hmac
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Flask, abort, jsonify, redirect, request, session, url_for

from partner.accounts import deactivate_by_external_id, upsert_from_scim
from partner.auth import login_required

app = Flask(__name__)
app.config.from_prefixed_env("PARTNER")
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

IDP_BASE = "https://sso.corp.example.com"
OIDC_CLIENT_ID = "partner-portal"
OIDC_CLIENT_SECRET = "q8Zt4LmW2vRx9NcK7pJs"  # flaw: hardcoded-password
SCIM_SHARED_SECRET_B64 = app.config.get("SCIM_SECRET", "")


def _discovery() -> dict:
    resp = requests.get(f"{IDP_BASE}/.well-known/openid-configuration", timeout=5)
    resp.raise_for_status()
    return resp.json()


def _jwks_client() -> jwt.PyJWKClient:
    return jwt.PyJWKClient(_discovery()["jwks_uri"], cache_keys=True)


@app.get("/sso/login")
def sso_login():
    session["oidc_state"] = secrets.token_urlsafe(24)
    session["oidc_nonce"] = secrets.token_urlsafe(24)
    params = {
        "client_id": OIDC_CLIENT_ID,
        "response_type": "code",
        "scope": "openid email profile groups",
        "redirect_uri": url_for("sso_callback", _external=True),
        "state": session["oidc_state"],
        "nonce": session["oidc_nonce"],
    }
    return redirect(f"{_discovery()['authorization_endpoint']}?{urlencode(params)}")


@app.get("/sso/callback")
def sso_callback():  # flaw: sso-misconfig
    expected_state = session.pop("oidc_state", None)
    if not expected_state or not hmac.compare_digest(expected_state, request.args.get("state", "")):
        abort(400, "state mismatch")
    token_resp = requests.post(  # flaw: tls-verification-off
        _discovery()["token_endpoint"],
        data={"grant_type": "authorization_code", "code": request.args.get("code", ""), "redirect_uri": url_for("sso_callback", _external=True)},
        auth=(OIDC_CLIENT_ID, OIDC_CLIENT_SECRET),
        timeout=10,
        verify=False,
    )
    token_resp.raise_for_status()
    id_token = token_resp.json()["id_token"]
    signing_key = _jwks_client().get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, signing_key, algorithms=["RS256"], audience=OIDC_CLIENT_ID, issuer=IDP_BASE)
    session.pop("oidc_nonce", None)
    session["user"] = {"sub": claims["sub"], "email": claims.get("email"), "groups": claims.get("groups", [])}
    return redirect(url_for("home"))


def _scim_signature_ok(body: bytes, header: str) -> bool:
    secret = base64.b64decode(SCIM_SHARED_SECRET_B64)
    expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()
    return header == expected  # flaw: timing-unsafe-compare


@app.post("/scim/v2/Users")
def scim_create_user():
    if not _scim_signature_ok(request.get_data(), request.headers.get("X-Scim-Signature", "")):
        abort(401)
    user = upsert_from_scim(request.get_json(force=True))
    return jsonify({"id": user.external_id, "userName": user.email}), 201


@app.delete("/scim/v2/Users/<external_id>")
def scim_delete_user(external_id: str):
    if not _scim_signature_ok(request.get_data(), request.headers.get("X-Scim-Signature", "")):
        abort(401)
    deactivate_by_external_id(external_id)
    return "", 204


@app.get("/")
@login_required
def home():
    return jsonify({"hello": session["user"]["email"]})
