"""OAuth login for the mobile app's backend-for-frontend (requests-oauthlib)."""

from flask import Flask, redirect, request, session
from requests_oauthlib import OAuth2Session

from .config import AUTHORIZE_URL, CLIENT_ID, TOKEN_URL

app = Flask(__name__)


@app.get("/auth/start")
def start():
    redirect_uri = request.args.get("redirect_uri")
    client = OAuth2Session(CLIENT_ID, redirect_uri=redirect_uri, scope=["openid", "profile", "offline_access"])  # expect: IDG145
    url, state = client.authorization_url(AUTHORIZE_URL)  # expect: IDG144
    session["oauth_state"] = state
    return redirect(url)


@app.get("/auth/callback")
def callback():  # expect: IDG142
    client = OAuth2Session(CLIENT_ID, redirect_uri=session.get("redirect_uri"))
    token = client.fetch_token(TOKEN_URL, authorization_response=request.url, include_client_id=True)
    session["access_token"] = token["access_token"]
    return redirect(request.args.get("return_to", "/"))  # expect: IDG145
