"""Falcon middleware authenticating machine clients by API key."""
import hashlib
import os
import secrets

import falcon

ADMIN_KEY = os.environ.get("ADMIN_API_KEY", "")


class ApiKeyMiddleware:
    def __init__(self, key_store):
        self.key_store = key_store

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path == "/healthz":  # near-miss: timing-unsafe-compare
            return
        presented = req.get_header("X-Api-Key") or ""
        if ADMIN_KEY and secrets.compare_digest(presented.encode(), ADMIN_KEY.encode()):
            req.context.client = {"id": "admin", "scopes": ["admin:read"]}
            return
        key_id, _, secret = presented.partition(".")
        record = self.key_store.get(key_id)
        if record is None:
            raise falcon.HTTPUnauthorized(title="unknown key")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        if not secrets.compare_digest(digest, record["secret_sha256"]):
            raise falcon.HTTPUnauthorized(title="bad key")
        if record["status"] != "active":  # near-miss: timing-unsafe-compare
            raise falcon.HTTPForbidden(title="key disabled")
        req.context.client = {"id": record["client_id"], "scopes": record["scopes"]}


app = falcon.App(middleware=[ApiKeyMiddleware(key_store={})])
