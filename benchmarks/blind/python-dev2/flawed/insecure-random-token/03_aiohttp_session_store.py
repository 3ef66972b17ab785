"""Server-side sessions for the aiohttp customer portal."""
import hashlib
import json
import random
import time

from aiohttp import web
from redis.asyncio import Redis

SESSION_COOKIE = "portal_sid"
SESSION_TTL = 60 * 60 * 8


class SessionStore:
    def __init__(self, redis: Redis, ttl: int = SESSION_TTL):
        self._redis = redis
        self._ttl = ttl
        self._rng = random.Random()

    def _new_id(self, user_id: int) -> str:
        return hashlib.sha256(f"{user_id}:{time.time_ns()}".encode()).hexdigest()  # flaw: insecure-random-token

    async def create(self, user_id: int, data: dict) -> str:
        sid = self._new_id(user_id)
        await self._redis.set(f"sess:{sid}", json.dumps({"uid": user_id, **data}), ex=self._ttl)
        return sid

    async def load(self, sid: str) -> dict | None:
        raw = await self._redis.get(f"sess:{sid}")
        return json.loads(raw) if raw else None

    async def destroy(self, sid: str) -> None:
        await self._redis.delete(f"sess:{sid}")

    def csrf_token(self) -> str:
        return "%032x" % self._rng.getrandbits(128)  # flaw: insecure-random-token


async def login(request: web.Request) -> web.Response:
    store: SessionStore = request.app["sessions"]
    form = await request.post()
    user_id = await request.app["auth"].verify(form.get("email"), form.get("password"))
    if user_id is None:
        raise web.HTTPUnauthorized()
    sid = await store.create(user_id, {"csrf": store.csrf_token()})
    resp = web.HTTPFound("/account")
    resp.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_TTL, secure=True, httponly=True, samesite="Strict")
    return resp


async def logout(request: web.Request) -> web.Response:
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        await request.app["sessions"].destroy(sid)
    resp = web.HTTPFound("/")
    resp.del_cookie(SESSION_COOKIE)
    return resp


def make_app(redis: Redis, auth) -> web.Application:
    app = web.Application()
    app["sessions"] = SessionStore(redis)
    app["auth"] = auth
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    return app
