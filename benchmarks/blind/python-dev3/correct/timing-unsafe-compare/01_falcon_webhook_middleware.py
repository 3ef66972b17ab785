"""Falcon middleware verifying webhook signatures in constant time."""
import hashlib
import hmac
import os

import falcon


class WebhookSignatureMiddleware:
    header = "X-Signature-256"

    def __init__(self):
        self.secret = os.environ["WEBHOOK_SECRET"].encode()

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path != "/webhooks/payments":  # near-miss: timing-unsafe-compare
            return
        body = req.bounded_stream.read()
        expected = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(req.get_header(self.header) or "", expected):
            raise falcon.HTTPUnauthorized(title="bad signature")
