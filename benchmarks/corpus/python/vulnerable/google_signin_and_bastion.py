"""Google sign-in for the support console, the workforce OIDC callback, and the bastion used to rotate deploy keys."""

import secrets

import jwt
import paramiko
from flask import Flask, redirect, request, session, url_for
from google.auth.transport import requests as google_requests
from google.oauth2 import id_token

from .config import AUTHORIZE_URL, CLIENT_ID, JWKS_CLIENT, TOKEN_URL
from .users import login_user

app = Flask(__name__)


@app.post("/auth/google")
def google_login():
    claims = id_token.verify_oauth2_token(request.form["credential"], google_requests.Request())  # expect: IDG146
    login_user(email=claims["email"])
    return redirect(url_for("console"))


@app.get("/auth/oidc/start")
def oidc_start():
    session["state"] = secrets.token_urlsafe(24)
    session["nonce"] = secrets.token_urlsafe(24)
    return redirect(f"{AUTHORIZE_URL}?client_id={CLIENT_ID}&response_type=id_token&state={session['state']}&nonce={session['nonce']}")


@app.post("/auth/oidc/callback")
def oidc_callback():  # expect: IDG143
    if not secrets.compare_digest(request.form.get("state", ""), session.pop("state", "")):
        return "bad state", 400
    raw_id_token = request.form["id_token"]
    signing_key = JWKS_CLIENT.get_signing_key_from_jwt(raw_id_token)
    claims = jwt.decode(raw_id_token, signing_key.key, algorithms=["RS256"], audience=CLIENT_ID, issuer=TOKEN_URL.rsplit("/", 2)[0])
    login_user(email=claims["email"])
    return redirect(url_for("console"))


def rotate_deploy_key(host: str, admin_key: str, new_public_key: str) -> None:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.WarningPolicy())  # expect: IDG139
    client.connect(host, username="deploy-admin", key_filename=admin_key)
    client.exec_command(f"echo '{new_public_key}' > ~deploy/.ssh/authorized_keys")
    client.close()
