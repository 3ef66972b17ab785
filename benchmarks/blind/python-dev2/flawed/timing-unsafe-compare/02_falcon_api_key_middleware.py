"""API-key middleware for the Falcon partner API."""
from dataclasses import dataclass

import falcon


@dataclass(frozen=True)
class PartnerKey:
    partner_id: str
    key_id: str
    secret: str
    active: bool = True

    def matches(self, presented: str) -> bool:
        return self.active and self.secret == presented  # flaw: timing-unsafe-compare


class KeyRegistry:
    def __init__(self, loader):
        self._loader = loader

    def by_id(self, key_id: str) -> PartnerKey | None:
        return self._loader(key_id)


class ApiKeyMiddleware:
    """Expects `Authorization: PartnerKey <key_id>:<secret>`."""

    def __init__(self, registry: KeyRegistry, admin_token: str):
        self.registry = registry
        self.admin_token = admin_token

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path == "/healthz":
            return
        if req.path.startswith("/internal/"):
            if req.get_header("X-Admin-Token") != self.admin_token:  # flaw: timing-unsafe-compare
                raise falcon.HTTPForbidden()
            return
        auth = req.get_header("Authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme != "PartnerKey" or ":" not in credential:
            raise falcon.HTTPUnauthorized(title="partner key required")
        key_id, secret = credential.split(":", 1)
        key = self.registry.by_id(key_id)
        if key is None or not key.matches(secret):
            raise falcon.HTTPUnauthorized(title="invalid partner key")
        req.context.partner_id = key.partner_id


class OrdersResource:
    def on_get(self, req, resp):
        resp.media = {"partner": req.context.partner_id, "orders": []}
