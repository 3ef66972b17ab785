"""Server-side sessions for the Starlette dashboard, stored in Redis."""
import json
import random
import string
import uuid

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

SESSION_COOKIE = "dash_sid"
REMEMBER_COOKIE = "dash_remember"
SESSION_TTL_SECONDS = 8 * 3600
REMEMBER_TTL_SECONDS = 14 * 24 * 3600
_ALPHABET = string.ascii_letters + string.digits


class SessionStore:
    def __init__(self, redis: Redis):
        self.redis = redis

    async def create(self, user_id: int) -> str:
        sid = "".join(random.choices(_ALPHABET, k=40))  # flaw: insecure-random-token
        await self.redis.set(f"sess:{sid}", json.dumps({"uid": user_id}), ex=SESSION_TTL_SECONDS)
        return sid

    async def remember(self, user_id: int) -> str:
        token = uuid.uuid1().hex  # flaw: insecure-random-token
        await self.redis.set(f"remember:{token}", str(user_id), ex=REMEMBER_TTL_SECONDS)
        return token

    async def destroy(self, sid: str) -> None:
        await self.redis.delete(f"sess:{sid}")


async def login_complete(request: Request) -> RedirectResponse:
    """Called after the credential check in auth.views has succeeded."""
    store: SessionStore = request.app.state.sessions
    user_id = request.state.authenticated_user_id
    sid = await store.create(user_id)
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_TTL_SECONDS, httponly=True, secure=True, samesite="lax")
    form = await request.form()
    if form.get("remember_me") == "on":
        remember_token = await store.remember(user_id)
        response.set_cookie(REMEMBER_COOKIE, remember_token, max_age=REMEMBER_TTL_SECONDS, httponly=True, secure=True, samesite="strict")
    return response


async def logout(request: Request) -> JSONResponse:
    store: SessionStore = request.app.state.sessions
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        await store.destroy(sid)
    response = JSONResponse({"ok": True})
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(REMEMBER_COOKIE)
    return response
