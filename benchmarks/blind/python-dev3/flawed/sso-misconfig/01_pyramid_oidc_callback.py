"""Pyramid OIDC login via Authlib with account linking by email."""
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import jwt
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

OIDC = {
    "client_id": "portal",
    "authorize_url": "https://idp.example.org/authorize",
    "token_url": "https://idp.example.org/token",
}


def _client(request) -> OAuth2Session:
    return OAuth2Session(OIDC["client_id"], request.registry.settings["oidc.secret"], redirect_uri=request.params.get("next") or request.route_url("oidc_cb"))  # flaw: sso-misconfig


@view_config(route_name="oidc_login")
def login(request):
    uri, state = _client(request).create_authorization_url(OIDC["authorize_url"], scope="openid email")
    request.session["oidc_state"] = state
    return HTTPFound(uri)


@view_config(route_name="oidc_cb")
def callback(request):  # flaw: sso-misconfig
    token = _client(request).fetch_token(OIDC["token_url"], authorization_response=request.url)
    claims = jwt.decode(token["id_token"], request.registry.settings["oidc.jwks"])
    claims.validate()
    user = request.dbsession.query_user_by_email(claims["email"])  # flaw: sso-misconfig
    request.session["uid"] = user.id
    return HTTPFound("/")
