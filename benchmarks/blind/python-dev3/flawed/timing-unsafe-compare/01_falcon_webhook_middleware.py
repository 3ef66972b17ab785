"""Falcon middleware verifying payment webhook signatures."""
import hashlib
import hmac
import os

import falcon


class WebhookSignatureMiddleware:
    header = "X-Signature-256"

    def __init__(self, secret: str | None = None):
        self.secret = (secret or os.environ["WEBHOOK_SECRET"]).encode()

    def expected(self, body: bytes) -> str:
        return "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if not req.path.startswith("/webhooks/"):
            return
        body = req.bounded_stream.read()
        req.context.raw_body = body
        if req.get_header(self.header) != self.expected(body):  # flaw: timing-unsafe-compare
            raise falcon.HTTPUnauthorized(title="bad signature")
