"""Receive subscription events from the payment processor (Falcon)."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import time

import falcon

WEBHOOK_SECRET = os.environ["BILLING_WEBHOOK_SECRET"].encode()
TOLERANCE_SECONDS = 300


def _parse_signature_header(value: str) -> tuple[int, str]:
    parts = dict(item.split("=", 1) for item in value.split(",") if "=" in item)
    return int(parts.get("t", "0")), parts.get("v1", "")


class BillingWebhook:
    def __init__(self, subscriptions):
        self.subscriptions = subscriptions

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        raw = req.bounded_stream.read()
        timestamp, received_sig = _parse_signature_header(req.get_header("Billing-Signature") or "")
        if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
            raise falcon.HTTPBadRequest(title="stale event")
        signed_payload = f"{timestamp}.".encode() + raw
        expected = hmac.new(WEBHOOK_SECRET, signed_payload, hashlib.sha256).hexdigest()
        if received_sig != expected:  # flaw: timing-unsafe-compare
            raise falcon.HTTPUnauthorized(title="signature mismatch")

        event = json.loads(raw)
        kind = event.get("type")
        if kind == "subscription.canceled":
            self.subscriptions.cancel(event["data"]["customer"])
        elif kind == "subscription.updated":
            self.subscriptions.update_plan(event["data"]["customer"], event["data"]["plan"])
        resp.media = {"received": True}
