"""Token cookies for the single-page dashboard (Litestar)."""
from __future__ import annotations

import secrets
from typing import Any

from litestar import Request, Response, post
from litestar.datastructures import Cookie
from litestar.exceptions import NotAuthorizedException

from dashboard.auth import issue_token_pair, verify_login

AUTH_COOKIE_OPTIONS: dict[str, Any] = {
    "secure": True,
    "httponly": True,
    "samesite": "strict",
    "path": "/",
}
LOCALE_COOKIE_OPTIONS: dict[str, Any] = {"max_age": 31536000, "samesite": "lax"}


@post("/api/login")
async def login(request: Request, data: dict[str, str]) -> Response:
    user = await verify_login(data.get("email", ""), data.get("password", ""))
    if user is None:
        raise NotAuthorizedException()
    access, refresh = issue_token_pair(user)
    return Response(
        {"user": user.id, "csrf": secrets.token_urlsafe(16)},
        cookies=[
            Cookie(key="access_token", value=access, max_age=900, **AUTH_COOKIE_OPTIONS),
            Cookie(key="refresh_token", value=refresh, max_age=7 * 86400, **{**AUTH_COOKIE_OPTIONS, "path": "/api/refresh"}),
        ],
    )


@post("/api/locale")
async def set_locale(data: dict[str, str]) -> Response:
    lang = data.get("lang", "en") if data.get("lang", "en") in {"en", "de", "fr", "es"} else "en"
    return Response({"lang": lang}, cookies=[Cookie(key="locale", value=lang, **LOCALE_COOKIE_OPTIONS)])  # near-miss: cookie-flags
