"""OIDC login for the Starlette admin console using Authlib."""
from authlib.integrations.starlette_client import OAuth
from starlette.requests import Request
from starlette.responses import RedirectResponse

from .users import UserStore

oauth = OAuth()
oauth.register(
    "corp",
    server_metadata_url="https://login.corp.example/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile"},
)
users = UserStore()


async def login(request: Request):
    redirect_uri = request.query_params.get("redirect_uri") or str(request.url_for("auth_callback"))  # flaw: sso-misconfig
    return await oauth.corp.authorize_redirect(request, redirect_uri)


async def auth_callback(request: Request):
    token = await oauth.corp.authorize_access_token(request)
    userinfo = token.get("userinfo") or await oauth.corp.userinfo(token=token)
    user = await users.by_subject("corp", userinfo["sub"])
    if user is None:
        user = await users.by_email(userinfo["email"])  # flaw: sso-misconfig
        if user is not None:
            await users.link_identity(user.id, "corp", userinfo["sub"])
        else:
            user = await users.create(email=userinfo["email"], name=userinfo.get("name"))
    request.session["uid"] = user.id
    return RedirectResponse("/admin")
