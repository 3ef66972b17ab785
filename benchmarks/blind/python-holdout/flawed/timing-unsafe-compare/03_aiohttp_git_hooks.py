"""Git-hosting webhook receiver and deploy-user login for the release bot (aiohttp)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from aiohttp import web

HOOK_SECRET = os.environ["GIT_HOOK_SECRET"].encode()
PBKDF2_ROUNDS = 390_000

routes = web.RouteTableDef()


def _pbkdf2(password: str, salt: bytes, rounds: int = PBKDF2_ROUNDS) -> str:
    return base64.b64encode(hashlib.pbkdf2_hmac("sha256", password.encode(), salt, rounds)).decode()


@routes.post("/hooks/git")
async def git_hook(request: web.Request) -> web.Response:
    body = await request.read()
    header_sig = request.headers.get("X-Hub-Signature-256", "")
    digest = hmac.new(HOOK_SECRET, body, hashlib.sha256).hexdigest()
    if not header_sig == "sha256=" + digest:  # flaw: timing-unsafe-compare
        raise web.HTTPUnauthorized(text="signature mismatch")
    event = request.headers.get("X-GitHub-Event", "")
    if event == "push":
        await request.app["releases"].schedule_from_push(await request.json())
    return web.json_response({"ok": True})


@routes.post("/deployers/login")
async def deployer_login(request: web.Request) -> web.Response:
    form = await request.post()
    record = await request.app["deployers"].find(form.get("username", ""))
    if record is None:
        raise web.HTTPUnauthorized()
    candidate = _pbkdf2(form.get("password", ""), base64.b64decode(record["salt"]))
    if candidate == record["password_hash"]:  # flaw: timing-unsafe-compare
        session = await request.app["sessions"].create(record["id"])
        resp = web.json_response({"ok": True})
        resp.set_cookie("relbot_session", session, secure=True, httponly=True, samesite="Strict", max_age=3600)
        return resp
    raise web.HTTPUnauthorized()


def make_app(releases, deployers, sessions) -> web.Application:
    app = web.Application()
    app["releases"], app["deployers"], app["sessions"] = releases, deployers, sessions
    app.add_routes(routes)
    return app
