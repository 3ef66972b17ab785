"""OIDC callback for workforce SSO: exchange the code, read the ID token, log the user in."""

import jwt as pyjwt
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from flask import redirect, request, session, url_for

from .config import OIDC
from .users import upsert_user

client = OAuth2Session(OIDC.client_id, OIDC.client_secret, scope="openid email profile")


def callback():  # expect: IDG142
    token = client.fetch_token(OIDC.token_url, authorization_response=request.url)
    keys = JsonWebKey.import_key_set(client.get(OIDC.jwks_url).json())
    claims = jwt.decode(token["id_token"], keys)  # expect: IDG112
    user = upsert_user(subject=claims["sub"], email=claims["email"])
    session["user_id"] = user.id
    return redirect(url_for("home"))


def groups_from_access_token(access_token, signing_key):
    claims = pyjwt.decode(
        access_token,
        signing_key,
        algorithms=["RS256"],
        options={"verify_aud": False, "verify_iss": False},  # expect: IDG111
    )
    return claims.get("groups", [])
