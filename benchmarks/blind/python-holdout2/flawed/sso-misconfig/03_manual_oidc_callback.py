"""Hand-rolled OIDC authorization-code flow for the Pyramid intranet."""
import secrets
import urllib.parse

import httpx
import jwt
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.view import view_config

ISSUER = "https://idp.intranet.example"
CLIENT_ID = "intranet"


def _jwks_client() -> jwt.PyJWKClient:
    return jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


@view_config(route_name="oidc_login")
def oidc_login(request):
    state = secrets.token_urlsafe(16)
    nonce = secrets.token_urlsafe(16)
    request.session["oidc_state"] = state
    request.session["oidc_nonce"] = nonce
    params = {"response_type": "code", "client_id": CLIENT_ID, "scope": "openid email",
              "redirect_uri": request.route_url("oidc_callback"), "state": state, "nonce": nonce}
    return HTTPFound(f"{ISSUER}/authorize?{urllib.parse.urlencode(params)}")


@view_config(route_name="oidc_callback")
def oidc_callback(request):  # flaw: sso-misconfig
    code = request.params.get("code")
    if not code:
        raise HTTPBadRequest()
    resp = httpx.post(f"{ISSUER}/token", data={
        "grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
        "client_secret": request.registry.settings["oidc.client_secret"],
        "redirect_uri": request.route_url("oidc_callback"),
    }, timeout=10)
    resp.raise_for_status()
    id_token = resp.json()["id_token"]
    key = _jwks_client().get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    request.session["uid"] = claims["sub"]
    request.session["email"] = claims.get("email")
    return HTTPFound(request.route_url("home"))
