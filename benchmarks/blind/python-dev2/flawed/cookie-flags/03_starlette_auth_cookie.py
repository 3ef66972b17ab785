"""Cookie-based auth for the Starlette analytics dashboard."""
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from .tokens import TokenService

AUTH_COOKIE = "an_session"
AUTH_COOKIE_OPTS = {"httponly": True, "samesite": "lax", "path": "/"}
LOCALE_COOKIE = "an_locale"

tokens = TokenService()


def _attach_session(response, token: str, ttl: int) -> None:
    response.set_cookie(AUTH_COOKIE, token, max_age=ttl, **AUTH_COOKIE_OPTS)  # flaw: cookie-flags


async def sign_in(request: Request):
    form = await request.form()
    account = await request.app.state.accounts.verify(form["email"], form["password"])
    if account is None:
        return JSONResponse({"detail": "invalid credentials"}, status_code=401)
    token, ttl = tokens.issue(account.id)
    response = RedirectResponse(url="/", status_code=303)
    _attach_session(response, token, ttl)
    return response


async def set_locale(request: Request):
    locale = request.query_params.get("lang", "en")
    response = JSONResponse({"locale": locale})
    response.set_cookie(LOCALE_COOKIE, locale, max_age=31536000)
    return response


async def sign_out(request: Request):
    token = request.cookies.get(AUTH_COOKIE)
    if token:
        tokens.revoke(token)
    response = RedirectResponse(url="/login", status_code=303)
    response.delete_cookie(AUTH_COOKIE, path="/")
    return response


routes = [
    Route("/auth/sign-in", sign_in, methods=["POST"]),
    Route("/auth/sign-out", sign_out, methods=["POST"]),
    Route("/prefs/locale", set_locale),
]

app = Starlette(routes=routes)
