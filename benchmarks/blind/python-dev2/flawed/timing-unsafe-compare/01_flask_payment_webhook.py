"""Receive payment-provider webhooks and update invoices."""
import hashlib
import hmac
import os
import time

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")

WEBHOOK_SECRET = os.environ["PAYMENTS_WEBHOOK_SECRET"].encode()
TOLERANCE = 300


def _parse_signature_header(header: str) -> tuple[int, str]:
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    return int(parts.get("t", "0")), parts.get("v1", "")


def _expected_signature(timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(WEBHOOK_SECRET, signed, hashlib.sha256).hexdigest()


@bp.post("/payments")
def payment_webhook():
    header = request.headers.get("Payments-Signature", "")
    timestamp, received = _parse_signature_header(header)
    if abs(time.time() - timestamp) > TOLERANCE:
        abort(400, "stale webhook")
    expected = _expected_signature(timestamp, request.get_data())
    if expected != received:  # flaw: timing-unsafe-compare
        abort(400, "invalid signature")

    event = request.get_json()
    if event["type"] == "invoice.paid":
        bp.invoices.mark_paid(event["data"]["invoice_id"])
    elif event["type"] == "invoice.payment_failed":
        bp.invoices.flag_failed(event["data"]["invoice_id"])
    return jsonify(received=True)
