"""Litestar route receiving signed billing webhooks."""
import hashlib
import hmac
import os

from litestar import Litestar, Request, post
from litestar.exceptions import NotAuthorizedException

WEBHOOK_SECRET = os.environ["BILLING_WEBHOOK_SECRET"].encode()


def expected_signature(timestamp: str, body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def parse_header(header: str) -> tuple[str, list[str]]:
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    return parts.get("t", ""), [v for k, v in parts.items() if k.startswith("v1")]


@post("/webhooks/billing")
async def billing_webhook(request: Request) -> dict:
    body = await request.body()
    ts, signatures = parse_header(request.headers.get("billing-signature", ""))
    wanted = expected_signature(ts, body)
    if wanted not in signatures:  # flaw: timing-unsafe-compare
        raise NotAuthorizedException("bad signature")
    event = await request.json()
    await request.app.state.billing.handle(event)
    return {"received": True}


app = Litestar([billing_webhook])
