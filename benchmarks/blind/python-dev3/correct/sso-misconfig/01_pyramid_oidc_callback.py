"""Pyramid OIDC login checking state, nonce, and email_verified."""
import secrets

from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import jwt
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config


def _client(request) -> OAuth2Session:
    return OAuth2Session("portal", request.registry.settings["oidc.secret"], redirect_uri=request.route_url("oidc_cb"))


@view_config(route_name="oidc_login")
def login(request):
    nonce = secrets.token_urlsafe(16)
    uri, state = _client(request).create_authorization_url("https://idp.example.org/authorize", scope="openid email", nonce=nonce)
    request.session.update({"oidc_state": state, "oidc_nonce": nonce})
    return HTTPFound(uri)


@view_config(route_name="oidc_cb")
def callback(request):
    if not secrets.compare_digest(request.params.get("state", ""), request.session.pop("oidc_state", "")):  # near-miss: sso-misconfig
        raise HTTPForbidden()
    token = _client(request).fetch_token("https://idp.example.org/token", authorization_response=request.url)
    claims = jwt.decode(token["id_token"], request.registry.settings["oidc.jwks"], claims_options={"nonce": {"essential": True, "value": request.session.pop("oidc_nonce", None)}})
    claims.validate()
    if not claims.get("email_verified"):
        raise HTTPForbidden()
    user = request.dbsession.query_user_by_sub(claims["iss"], claims["sub"])
    request.session["uid"] = user.id
    return HTTPFound("/")
