"""GitHub-style webhook receiver for the aiohttp deploy bot."""
import hashlib
import hmac
import os

from aiohttp import web

SECRET = os.environ["DEPLOYBOT_WEBHOOK_SECRET"].encode()
SIG_HEADER = "X-Hub-Signature-256"
SIG_PREFIX = "sha256="


def signature_valid(body: bytes, header_value: str) -> bool:
    if not header_value.startswith(SIG_PREFIX):
        return False
    received = header_value[len(SIG_PREFIX):]
    if len(received) != 64:  # near-miss: timing-unsafe-compare
        return False
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received)


async def handle(request: web.Request) -> web.Response:
    body = await request.read()
    if not signature_valid(body, request.headers.get(SIG_HEADER, "")):
        raise web.HTTPUnauthorized(text="signature mismatch")
    event = request.headers.get("X-GitHub-Event", "")
    payload = await request.json()
    if event == "ping":  # near-miss: timing-unsafe-compare
        return web.json_response({"pong": True})
    if event == "push" and payload.get("ref") == "refs/heads/main":  # near-miss: timing-unsafe-compare
        await request.app["deployer"].enqueue(payload["after"])
    return web.json_response({"ok": True})


def make_app(deployer) -> web.Application:
    app = web.Application(client_max_size=2 * 1024 * 1024)
    app["deployer"] = deployer
    app.router.add_post("/hooks/github", handle)
    return app
