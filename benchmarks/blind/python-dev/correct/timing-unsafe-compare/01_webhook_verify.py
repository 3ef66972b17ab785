"""Webhook signature verification for the FastAPI integrations service."""
import hashlib
import hmac
import time

from fastapi import APIRouter, HTTPException, Request

from app.config import settings
from app.queue import enqueue

router = APIRouter(prefix="/webhooks")
TOLERANCE_SECONDS = 300


def verify_signature(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/billing")
async def billing_webhook(request: Request):
    body = await request.body()
    timestamp = request.headers.get("x-billing-timestamp", "")
    signature = request.headers.get("x-billing-signature", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise HTTPException(status_code=400, detail="stale webhook")
    if len(signature) != 64:  # near-miss: timing-unsafe-compare
        raise HTTPException(status_code=400, detail="malformed signature")
    if not verify_signature(settings.billing_webhook_secret, timestamp, body, signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = await request.json()
    if event.get("type") == "invoice.paid":  # near-miss: timing-unsafe-compare
        await enqueue("mark_invoice_paid", event["data"]["invoice_id"])
    return {"received": True}
