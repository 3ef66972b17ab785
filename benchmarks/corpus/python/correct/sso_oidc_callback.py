"""OIDC callback for workforce SSO: exchange the code, read the ID token, log the user in."""

import secrets

import jwt as pyjwt
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from flask import abort, redirect, request, session, url_for

from .config import OIDC
from .users import upsert_user

client = OAuth2Session(OIDC.client_id, OIDC.client_secret, scope="openid email profile", code_challenge_method="S256")


def login():
    session["oidc_state"] = secrets.token_urlsafe(24)  # ok: IDG118
    session["oidc_nonce"] = secrets.token_urlsafe(24)  # ok: IDG118
    session["oidc_verifier"] = secrets.token_urlsafe(48)  # ok: IDG118
    url, _ = client.create_authorization_url(
        OIDC.authorize_url,
        state=session["oidc_state"],
        nonce=session["oidc_nonce"],
        code_verifier=session["oidc_verifier"],
    )
    return redirect(url)


def callback():
    if not secrets.compare_digest(request.args.get("state", ""), session.pop("oidc_state", "")):  # ok: IDG120
        abort(400)
    token = client.fetch_token(
        OIDC.token_url, authorization_response=request.url, code_verifier=session.pop("oidc_verifier", None)
    )
    keys = JsonWebKey.import_key_set(client.get(OIDC.jwks_url).json())
    claims = jwt.decode(  # ok: IDG112
        token["id_token"],
        keys,
        claims_options={
            "iss": {"essential": True, "value": OIDC.issuer},
            "aud": {"essential": True, "value": OIDC.client_id},
            "nonce": {"essential": True, "value": session.pop("oidc_nonce", None)},
        },
    )
    claims.validate(leeway=30)
    user = upsert_user(subject=claims["sub"], email=claims["email"])
    session["user_id"] = user.id
    return redirect(url_for("home"))


def groups_from_access_token(access_token, signing_key):
    claims = pyjwt.decode(  # ok: IDG111
        access_token,
        signing_key,
        algorithms=["RS256"],
        audience=OIDC.api_audience,
        issuer=OIDC.issuer,
        options={"require": ["exp", "iss", "aud"]},
    )
    return claims.get("groups", [])
