"""OIDC login for the Starlette admin console using Authlib."""
from authlib.integrations.starlette_client import OAuth
from starlette.exceptions import HTTPException
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
ALLOWED_NEXT = ("/admin", "/admin/users", "/admin/billing")


async def login(request: Request):
    redirect_uri = str(request.url_for("auth_callback"))
    nxt = request.query_params.get("next", "/admin")
    request.session["next"] = nxt if nxt in ALLOWED_NEXT else "/admin"
    return await oauth.corp.authorize_redirect(request, redirect_uri)  # near-miss: sso-misconfig


async def auth_callback(request: Request):
    token = await oauth.corp.authorize_access_token(request)
    userinfo = token["userinfo"]
    user = await users.by_subject("corp", userinfo["sub"])
    if user is None:
        if not userinfo.get("email_verified"):
            raise HTTPException(403, "email not verified by identity provider")
        user = await users.by_email(userinfo["email"])  # near-miss: sso-misconfig
        if user is not None:
            await users.link_identity(user.id, "corp", userinfo["sub"])
        else:
            user = await users.create(email=userinfo["email"], name=userinfo.get("name"))
    request.session["uid"] = user.id
    return RedirectResponse(request.session.pop("next", "/admin"))
