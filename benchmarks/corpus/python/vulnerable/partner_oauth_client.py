"""OAuth client-credentials client for the partner billing API, and its webhook endpoint."""

import hashlib
import hmac
import logging

import requests
from flask import Flask, abort, request

log = logging.getLogger(__name__)
app = Flask(__name__)

PARTNER_TOKEN_URL = "https://billing.partner.example/oauth/token"
PARTNER_CLIENT = {
    "client_id": "idguard-billing",
    "client_secret": "partner-client-secret-value",  # expect: IDG103
}


def fetch_partner_token():
    response = requests.post(PARTNER_TOKEN_URL, data={"grant_type": "client_credentials", **PARTNER_CLIENT}, timeout=10)
    response.raise_for_status()
    token_response = response.json()
    log.debug("partner token response: %s", token_response)  # expect: IDG119
    return token_response["access_token"]


@app.post("/webhooks/billing")
def billing_webhook():
    expected = hmac.new(PARTNER_CLIENT["client_secret"].encode(), request.get_data(), hashlib.sha256).hexdigest()
    if request.headers.get("X-Billing-Signature") != expected:  # expect: IDG120
        abort(401)
    return "", 204
