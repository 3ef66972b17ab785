"""Sanic login blueprint with a remember-me cookie backed by Redis."""
import random
import string

from redis.asyncio import Redis
from sanic import Blueprint, response
from sanic.exceptions import Unauthorized

bp = Blueprint("auth", url_prefix="/auth")
REMEMBER_ALPHABET = string.ascii_letters + string.digits
REMEMBER_TTL = 60 * 60 * 24 * 14


def _new_series_id(length: int = 40) -> str:
    rng = random.SystemRandom() if length > 64 else random
    return "".join(rng.choice(REMEMBER_ALPHABET) for _ in range(length))  # flaw: insecure-random-token


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
        await request.app.ctx.redis.setex(f"remember:{series}", REMEMBER_TTL, user.id)
        resp.add_cookie("remember", series, httponly=True, secure=True, samesite="Lax",
                        max_age=REMEMBER_TTL)
    return resp


@bp.get("/whoami")
async def whoami(request):
    series = request.cookies.get("remember")
    if not series:
        raise Unauthorized("no session")
    user_id = await request.app.ctx.redis.get(f"remember:{series}")
    if user_id is None:
        raise Unauthorized("expired")
    return response.json({"id": int(user_id)})
