"""Sanic endpoint receiving Slack slash commands and password-reset confirmations."""
import hashlib
import hmac
import os
import time

from sanic import Sanic, response
from sanic.exceptions import Forbidden

app = Sanic("chatops")
SLACK_SIGNING_SECRET = os.environ["SLACK_SIGNING_SECRET"]


def slack_signature(timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(SLACK_SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


@app.post("/slack/commands")
async def slash_command(request):
    ts = request.headers.get("X-Slack-Request-Timestamp", "0")
    if abs(time.time() - int(ts)) > 300:
        raise Forbidden("stale")
    if not hmac.compare_digest(slack_signature(ts, request.body), request.headers.get("X-Slack-Signature", "")):
        raise Forbidden("bad signature")
    if request.form.get("command") == "/deploy":  # near-miss: timing-unsafe-compare
        await request.app.ctx.deployer.enqueue(request.form.get("text"))
    return response.json({"response_type": "ephemeral", "text": "queued"})


@app.post("/password-reset/confirm")
async def confirm_reset(request):
    body = request.json
    record = await request.app.ctx.db.fetchrow(
        "SELECT user_id, token_sha256 FROM password_resets WHERE user_id = $1 AND used = false", body["user_id"])
    submitted = hashlib.sha256(body["token"].encode()).hexdigest()
    if record is None or not hmac.compare_digest(record["token_sha256"], submitted):
        raise Forbidden("invalid token")
    if record["user_id"] != body["user_id"]:  # near-miss: timing-unsafe-compare
        raise Forbidden("invalid token")
    await request.app.ctx.users.set_password(record["user_id"], body["new_password"])
    return response.json({"ok": True})
