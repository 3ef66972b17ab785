"""Starlette routes that issue and clear the auth cookie."""
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dashboard.auth import check_credentials, issue_session

AUTH_COOKIE_OPTS = {
    "httponly": True,
    "secure": True,
    "samesite": "strict",
    "path": "/",
}


async def login(request: Request) -> JSONResponse:
    form = await request.form()
    user = await check_credentials(form.get("username", ""), form.get("password", ""))
    if user is None:
        return JSONResponse({"error": "invalid credentials"}, status_code=401)
    sid = await issue_session(user.id)
    response = JSONResponse({"ok": True})
    response.set_cookie("dash_auth", sid, max_age=3600, **AUTH_COOKIE_OPTS)
    # purely cosmetic: collapsed/expanded sidebar
    response.set_cookie("sidebar", request.query_params.get("sidebar", "open"))  # near-miss: cookie-flags
    return response


async def logout(request: Request) -> JSONResponse:
    response = JSONResponse({"ok": True})
    response.delete_cookie("dash_auth", path="/")  # near-miss: cookie-flags
    return response


app = Starlette(routes=[Route("/login", login, methods=["POST"]), Route("/logout", logout, methods=["POST"])])
