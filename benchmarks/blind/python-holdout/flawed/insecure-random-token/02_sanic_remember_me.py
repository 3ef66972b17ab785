"""Login endpoints with "remember this device" support (Sanic)."""
import random
import string
import uuid
from datetime import timedelta

from sanic import Sanic, response
from sanic.exceptions import Unauthorized

app = Sanic("storefront_auth")

TOKEN_ALPHABET = string.ascii_letters + string.digits
REMEMBER_FOR = timedelta(days=30)


def _remember_token(length: int = 40) -> str:
    return "".join(random.choices(TOKEN_ALPHABET, k=length))  # flaw: insecure-random-token


def _new_session_id() -> str:
    return uuid.uuid1().hex  # flaw: insecure-random-token


@app.post("/auth/login")
async def login(request):
    payload = request.json or {}
    users = request.app.ctx.users
    user = await users.verify_credentials(payload.get("email", ""), payload.get("password", ""))
    if user is None:
        raise Unauthorized("invalid credentials")

    sid = _new_session_id()
    await request.app.ctx.sessions.create(sid, user_id=user.id, ttl=3600)
    resp = response.json({"user_id": user.id})
    resp.add_cookie("sid", sid, secure=True, httponly=True, samesite="Lax", max_age=3600)

    if payload.get("remember"):
        device_token = _remember_token()
        await request.app.ctx.remember_store.put(
            device_token, user_id=user.id, ttl=int(REMEMBER_FOR.total_seconds())
        )
        resp.add_cookie(
            "remember_me",
            device_token,
            secure=True,
            httponly=True,
            samesite="Strict",
            max_age=int(REMEMBER_FOR.total_seconds()),
        )
    return resp


@app.post("/auth/logout")
async def logout(request):
    sid = request.cookies.get("sid")
    if sid:
        await request.app.ctx.sessions.delete(sid)
    token = request.cookies.get("remember_me")
    if token:
        await request.app.ctx.remember_store.delete(token)
    resp = response.json({"ok": True})
    resp.delete_cookie("sid")
    resp.delete_cookie("remember_me")
    return resp
