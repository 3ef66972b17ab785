"""OAuth client-credentials client for the partner billing API, and its webhook endpoint."""

import hashlib
import hmac
import logging
import os

import requests
from flask import Flask, abort, request

log = logging.getLogger(__name__)
app = Flask(__name__)

PARTNER_TOKEN_URL = "https://billing.partner.example/oauth/token"
PARTNER_CLIENT = {
    "client_id": "idguard-billing",
    "client_secret": os.environ["PARTNER_CLIENT_SECRET"],  # ok: IDG103
}
WEBHOOK_SECRET = os.environ["PARTNER_WEBHOOK_SECRET"].encode()


def fetch_partner_token():
    response = requests.post(PARTNER_TOKEN_URL, data={"grant_type": "client_credentials", **PARTNER_CLIENT}, timeout=10)
    response.raise_for_status()
    token_response = response.json()
    log.debug(  # ok: IDG119
        "partner token issued, type %s, expires in %s s", token_response["token_type"], token_response["expires_in"]
    )
    return token_response["access_token"]


@app.post("/webhooks/billing")
def billing_webhook():
    expected = hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(request.headers.get("X-Billing-Signature", ""), expected):  # ok: IDG120
        abort(401)
    return "", 204
