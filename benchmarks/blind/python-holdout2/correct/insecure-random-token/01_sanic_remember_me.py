"""Sanic login blueprint with a remember-me cookie backed by Redis."""
import random
import secrets

from redis.asyncio import Redis
from sanic import Blueprint, response
from sanic.exceptions import Unauthorized

bp = Blueprint("auth", url_prefix="/auth")
REMEMBER_TTL = 60 * 60 * 24 * 14


def _new_series_id() -> str:
    return secrets.token_urlsafe(30)


def _ttl_with_jitter(base: int) -> int:
    # spread expiries so sessions don't all lapse at once
    return base + random.randint(0, 3600)  # near-miss: insecure-random-token


@bp.listener("before_server_start")
async def setup_redis(app, _loop):
    app.ctx.redis = Redis.from_url(app.config.REDIS_URL)


@bp.post("/login")
async def login(request):
    body = request.json or {}
    user = await request.app.ctx.users.authenticate(body.get("email"), body.get("password"))
    if user is None:
        raise Unauthorized("bad credentials")
    resp = response.json({"id": user.id})
    if body.get("remember"):
        series = _new_series_id()
        ttl = _ttl_with_jitter(REMEMBER_TTL)
        await request.app.ctx.redis.setex(f"remember:{series}", ttl, user.id)
        resp.add_cookie("remember", series, httponly=True, secure=True, samesite="Lax", max_age=ttl)
    return resp
