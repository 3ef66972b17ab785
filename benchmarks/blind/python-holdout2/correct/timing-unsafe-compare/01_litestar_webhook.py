"""Litestar route receiving signed billing webhooks."""
import hashlib
import hmac
import os
import time

from litestar import Litestar, Request, post
from litestar.exceptions import NotAuthorizedException

WEBHOOK_SECRET = os.environ["BILLING_WEBHOOK_SECRET"].encode()
TOLERANCE = 300


def expected_signature(timestamp: str, body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def parse_header(header: str) -> tuple[str, list[str]]:
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    ts = next((v for k, v in parts if k == "t"), "")
    return ts, [v for k, v in parts if k == "v1"]


@post("/webhooks/billing")
async def billing_webhook(request: Request) -> dict:
    body = await request.body()
    ts, signatures = parse_header(request.headers.get("billing-signature", ""))
    if not ts.isdigit() or abs(time.time() - int(ts)) > TOLERANCE:
        raise NotAuthorizedException("stale signature")
    wanted = expected_signature(ts, body)
    if not any(hmac.compare_digest(wanted, sig) for sig in signatures):  # near-miss: timing-unsafe-compare
        raise NotAuthorizedException("bad signature")
    event = await request.json()
    if event.get("type") == "invoice.paid":  # near-miss: timing-unsafe-compare
        await request.app.state.billing.mark_paid(event["data"]["id"])
    return {"received": True}


app = Litestar([billing_webhook])
