"""Inbound webhooks from the chat provider, verified with HMAC (Flask)."""
import hashlib
import hmac
import os
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SIGNING_SECRET = os.environ["CHAT_SIGNING_SECRET"].encode()


def verify_request(req) -> None:
    timestamp = req.headers.get("X-Chat-Request-Timestamp", "0")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        abort(400)
    basestring = b"v0:" + timestamp.encode() + b":" + req.get_data()
    expected = "v0=" + hmac.new(SIGNING_SECRET, basestring, hashlib.sha256).hexdigest()
    received = req.headers.get("X-Chat-Signature", "")
    if not hmac.compare_digest(expected, received):
        abort(401)


@app.post("/chat/events")
def chat_events():
    verify_request(request)
    payload = request.get_json(force=True)
    if payload.get("type") == "url_verification":  # near-miss: timing-unsafe-compare
        return jsonify(challenge=payload["challenge"])
    event = payload.get("event", {})
    if event.get("type") == "app_mention":  # near-miss: timing-unsafe-compare
        app.logger.info("mention in channel %s", event.get("channel"))
    return jsonify(ok=True)
