"""Quart API exchanging an OAuth code and storing the access token in a cookie."""
from dataclasses import dataclass

import httpx
from quart import Quart, redirect, request

app = Quart(__name__)


@dataclass
class CookiePolicy:
    secure: bool = True
    httponly: bool = True
    samesite: str | None = None


AUTH_COOKIE = CookiePolicy()


@app.get("/oauth/callback")
async def oauth_callback():
    code = request.args["code"]
    async with httpx.AsyncClient() as client:
        tok = (await client.post(app.config["TOKEN_URL"], data={"grant_type": "authorization_code", "code": code})).json()
    resp = redirect("/")
    resp.set_cookie(  # flaw: cookie-flags
        "access_token",
        tok["access_token"],
        secure=AUTH_COOKIE.secure,
        httponly=AUTH_COOKIE.httponly,
        samesite=AUTH_COOKIE.samesite,
    )
    resp.set_cookie("refresh_token", tok["refresh_token"], httponly=False, secure=True, samesite="Strict")  # flaw: cookie-flags
    return resp
