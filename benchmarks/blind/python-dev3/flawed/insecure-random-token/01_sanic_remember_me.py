"""Sanic login blueprint with a remember-me cookie."""
import random
import string

from sanic import Blueprint, response

bp = Blueprint("auth", url_prefix="/auth")

ALPHABET = string.ascii_letters + string.digits


def _make_token(length: int = 40) -> str:
    return "".join(random.choice(ALPHABET) for _ in range(length))  # flaw: insecure-random-token


class RememberStore:
    def __init__(self, redis):
        self.redis = redis

    async def issue(self, user_id: int) -> str:
        token = _make_token()
        await self.redis.setex(f"remember:{token}", 60 * 60 * 24 * 14, user_id)
        return token


@bp.post("/login")
async def login(request):
    user = await request.app.ctx.users.authenticate(request.json["email"], request.json["password"])
    if user is None:
        return response.json({"error": "invalid credentials"}, status=401)
    resp = response.json({"ok": True})
    if request.json.get("remember"):
        tok = await RememberStore(request.app.ctx.redis).issue(user.id)
        resp.add_cookie("remember_me", tok, secure=True, httponly=True, samesite="Lax", max_age=1209600)
    return resp
