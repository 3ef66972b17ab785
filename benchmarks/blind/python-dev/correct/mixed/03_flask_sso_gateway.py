"""SSO front door for the Flask partner portal.

Handles OIDC login against the corporate IdP, SCIM pushes from the IdP and a
small admin page for IdP-provisioned users.
"""
import base64
import hashlib
import hmac
import os
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Flask, abort, jsonify, redirect, request, session, url_for

from partner.accounts import deactivate_by_external_id, link_or_create, upsert_from_scim
from partner.auth import login_required

app = Flask(__name__)
app.config.from_prefixed_env("PARTNER")
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

IDP_BASE = os.environ.get("IDP_BASE", "https://sso.corp.example.com")
IDP_CA_BUNDLE = os.environ.get("IDP_CA_BUNDLE", "/etc/ssl/certs/corp-ca.pem")
OIDC_CLIENT_ID = "partner-portal"  # near-miss: hardcoded-password
OIDC_CLIENT_SECRET = os.environ["PARTNER_OIDC_CLIENT_SECRET"]  # near-miss: hardcoded-password

_http = requests.Session()
_http.verify = IDP_CA_BUNDLE  # near-miss: tls-verification-off


def _discovery() -> dict:
    resp = _http.get(f"{IDP_BASE}/.well-known/openid-configuration", timeout=5)
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
def sso_callback():
    expected_state = session.pop("oidc_state", None)
    expected_nonce = session.pop("oidc_nonce", None)
    if not expected_state or not hmac.compare_digest(expected_state, request.args.get("state", "")):
        abort(400, "state mismatch")
    token_resp = _http.post(
        _discovery()["token_endpoint"],
        data={"grant_type": "authorization_code", "code": request.args.get("code", ""), "redirect_uri": url_for("sso_callback", _external=True)},
        auth=(OIDC_CLIENT_ID, OIDC_CLIENT_SECRET),
        timeout=10,
    )
    token_resp.raise_for_status()
    id_token = token_resp.json()["id_token"]
    signing_key = _jwks_client().get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, signing_key, algorithms=["RS256"], audience=OIDC_CLIENT_ID, issuer=IDP_BASE)
    if not expected_nonce or not hmac.compare_digest(expected_nonce, claims.get("nonce", "")):
        abort(400, "nonce mismatch")
    user = link_or_create(sub=claims["sub"], email=claims.get("email"), email_verified=claims.get("email_verified") is True)
    session.clear()
    session["user"] = {"id": user.id, "sub": claims["sub"], "groups": claims.get("groups", [])}
    return redirect(url_for("home"))


def _scim_signature_ok(body: bytes, header: str) -> bool:
    secret = base64.b64decode(app.config["SCIM_SECRET"])
    expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()
    return hmac.compare_digest(header.encode(), expected.encode())


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
    return jsonify({"user_id": session["user"]["id"]})
