"""Sanic login with a remember-me cookie from secrets, and retry jitter."""
import asyncio
import random
import secrets

from sanic import Blueprint, response

bp = Blueprint("auth", url_prefix="/auth")


def _make_token() -> str:
    return secrets.token_urlsafe(32)


async def _with_backoff(coro_factory, attempts: int = 4):
    for i in range(attempts):
        try:
            return await coro_factory()
        except ConnectionError:
            await asyncio.sleep((2 ** i) + random.uniform(0, 0.5))  # near-miss: insecure-random-token
    raise ConnectionError("redis unavailable")


@bp.post("/login")
async def login(request):
    user = await request.app.ctx.users.authenticate(request.json["email"], request.json["password"])
    if user is None:
        return response.json({"error": "invalid credentials"}, status=401)
    resp = response.json({"ok": True})
    if request.json.get("remember"):
        tok = _make_token()
        await _with_backoff(lambda: request.app.ctx.redis.setex(f"remember:{tok}", 1209600, user.id))
        resp.add_cookie("remember_me", tok, secure=True, httponly=True, samesite="Lax", max_age=1209600)
    return resp
