"""Minimal OAuth2 authorization endpoint and upstream social login for the Flask identity hub."""
import secrets
from urllib.parse import urlencode

from flask import Blueprint, abort, redirect, request, session
from authlib.integrations.flask_client import OAuth

from .models import AuthorizationCode, Client, User, db

bp = Blueprint("oauth", __name__)
oauth = OAuth()
oauth.register("github", client_kwargs={"scope": "read:user user:email"},
               api_base_url="https://api.github.com/",
               access_token_url="https://github.com/login/oauth/access_token",
               authorize_url="https://github.com/login/oauth/authorize")


@bp.get("/oauth/authorize")
def authorize():
    client = Client.query.filter_by(client_id=request.args.get("client_id")).first_or_404()
    redirect_uri = request.args.get("redirect_uri", client.default_redirect_uri)
    if not redirect_uri.startswith("https://"):  # flaw: sso-misconfig
        abort(400)
    if "uid" not in session:
        return redirect(f"/login?{urlencode({'next': request.full_path})}")
    code = AuthorizationCode(code=secrets.token_urlsafe(32), client_id=client.client_id,
                             user_id=session["uid"], redirect_uri=redirect_uri,
                             scope=request.args.get("scope", "profile"))
    db.session.add(code)
    db.session.commit()
    params = {"code": code.code, "state": request.args.get("state", "")}
    return redirect(f"{redirect_uri}?{urlencode(params)}")


@bp.get("/login/github/callback")
def github_callback():
    token = oauth.github.authorize_access_token()
    emails = oauth.github.get("user/emails", token=token).json()
    primary = next(e for e in emails if e["primary"])
    user = User.query.filter_by(email=primary["email"]).first()  # flaw: sso-misconfig
    if user is None:
        user = User(email=primary["email"])
        db.session.add(user)
        db.session.commit()
    session["uid"] = user.id
    return redirect("/")
