"""OAuth login for the mobile app's backend-for-frontend: PKCE, state, and a fixed callback."""

import secrets

from flask import Flask, abort, redirect, request, session, url_for
from requests_oauthlib import OAuth2Session

from .config import AUTHORIZE_URL, CLIENT_ID, TOKEN_URL

app = Flask(__name__)
SAFE_RETURN_PATHS = {"/", "/settings", "/billing"}


@app.get("/auth/start")
def start():
    client = OAuth2Session(CLIENT_ID, redirect_uri=url_for("callback", _external=True), scope=["openid", "profile"], pkce="S256")  # ok: IDG145
    url, state = client.authorization_url(AUTHORIZE_URL)  # ok: IDG144
    session["oauth_state"] = state
    session["code_verifier"] = client._code_verifier
    return redirect(url)  # ok: IDG145


@app.get("/auth/callback")
def callback():  # ok: IDG142
    client = OAuth2Session(CLIENT_ID, redirect_uri=url_for("callback", _external=True), state=session.pop("oauth_state", None), pkce="S256")
    client._code_verifier = session.pop("code_verifier", None)
    token = client.fetch_token(TOKEN_URL, authorization_response=request.url, include_client_id=True)
    session["access_token"] = token["access_token"]
    return_to = request.args.get("return_to", "/")
    if return_to not in SAFE_RETURN_PATHS:
        abort(400)
    return redirect(return_to)  # ok: IDG145


@app.get("/auth/nonce")
def new_nonce():
    session["nonce"] = secrets.token_urlsafe(16)
    return {"nonce": session["nonce"]}
