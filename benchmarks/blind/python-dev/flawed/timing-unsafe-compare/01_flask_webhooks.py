"""Inbound webhooks from the payment provider and the Git host (Flask)."""
import hashlib
import hmac
import json

from flask import Blueprint, abort, current_app, request

from payments.tasks import handle_payment_event
from deploys.tasks import handle_push

bp = Blueprint("webhooks", __name__, url_prefix="/hooks")


def _expected_signature(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


@bp.post("/payments")
def payments_hook():
    header = request.headers.get("X-Payments-Signature", "")
    # header format: t=<timestamp>,v1=<hex>
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    signed_payload = f"{parts.get('t', '')}.".encode() + request.get_data()
    expected = _expected_signature(current_app.config["PAYMENTS_WEBHOOK_SECRET"].encode(), signed_payload)
    if parts.get("v1") != expected:  # flaw: timing-unsafe-compare
        abort(400)
    handle_payment_event.delay(json.loads(request.get_data()))
    return "", 204


@bp.post("/git")
def git_hook():
    event = request.headers.get("X-Git-Event", "")
    if event != "push":
        return "", 204
    signature = request.headers.get("X-Hub-Signature-256", "")
    digest = "sha256=" + _expected_signature(current_app.config["GIT_WEBHOOK_SECRET"].encode(), request.get_data())
    if not signature or signature != digest:  # flaw: timing-unsafe-compare
        abort(401)
    handle_push.delay(request.get_json())
    return "", 204
