"""OpenID Connect login for the Flask wiki using Authlib."""
import os

from authlib.integrations.flask_client import OAuth
from flask import Flask, abort, redirect, session, url_for

from .models import User, db

app = Flask(__name__)
app.secret_key = os.environ["WIKI_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

oauth = OAuth(app)
oauth.register(
    "corp",
    server_metadata_url=os.environ.get("OIDC_DISCOVERY", "https://login.example.com/.well-known/openid-configuration"),
    client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"],
    client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
)


@app.get("/login")
def login():
    return oauth.corp.authorize_redirect(url_for("callback", _external=True))


@app.get("/oidc/callback")
def callback():
    # authorize_access_token validates the state parameter, the id_token
    # signature and the nonce stored by authorize_redirect.
    token = oauth.corp.authorize_access_token()
    claims = token["userinfo"]
    user = User.query.filter_by(oidc_subject=claims["sub"]).first()
    if user is None:
        if claims.get("email_verified") is not True:  # near-miss: sso-misconfig
            abort(403, "verify your e-mail with the identity provider first")
        existing = User.query.filter_by(email=claims["email"].lower()).first()  # near-miss: sso-misconfig
        if existing is not None and existing.oidc_subject is None:
            abort(409, "an account with this e-mail exists; link it from your profile")
        user = User(email=claims["email"].lower(), oidc_subject=claims["sub"], display_name=claims.get("name", ""))
        db.session.add(user)
        db.session.commit()
    session.clear()
    session["user_id"] = user.id
    return redirect(url_for("index"))


@app.get("/")
def index():
    return "wiki home"
