"""Falcon middleware authenticating machine clients by API key."""
import hashlib
import os

import falcon

ADMIN_KEY = os.environ.get("ADMIN_API_KEY", "")


class ApiKeyMiddleware:
    def __init__(self, key_store):
        self.key_store = key_store

    def _lookup(self, key_id: str) -> dict | None:
        return self.key_store.get(key_id)

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path == "/healthz":
            return
        presented = req.get_header("X-Api-Key") or ""
        if ADMIN_KEY and presented == ADMIN_KEY:  # flaw: timing-unsafe-compare
            req.context.client = {"id": "admin", "scopes": ["admin"]}
            return
        key_id, _, secret = presented.partition(".")
        record = self._lookup(key_id)
        if record is None:
            raise falcon.HTTPUnauthorized(title="unknown key")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        if digest != record["secret_sha256"]:  # flaw: timing-unsafe-compare
            raise falcon.HTTPUnauthorized(title="bad key")
        req.context.client = {"id": record["client_id"], "scopes": record["scopes"]}


app = falcon.App(middleware=[ApiKeyMiddleware(key_store={})])
