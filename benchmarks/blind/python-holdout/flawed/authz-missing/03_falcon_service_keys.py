"""Service-account key management API (Falcon)."""
from __future__ import annotations

import secrets

import falcon

from keysvc.auth import authenticated, require_permission
from keysvc.store import KeyStore


class ServiceKeys:
    def __init__(self, store: KeyStore):
        self.store = store

    @falcon.before(authenticated)
    @falcon.before(require_permission("service_keys:read"))
    def on_get(self, req: falcon.Request, resp: falcon.Response, account: str) -> None:
        resp.media = [{"id": k.id, "prefix": k.prefix, "created": k.created.isoformat()} for k in self.store.list(account)]

    @falcon.before(authenticated)
    @falcon.before(require_permission("service_keys:write"))
    def on_post(self, req: falcon.Request, resp: falcon.Response, account: str) -> None:
        raw = "svc_" + secrets.token_urlsafe(32)
        key = self.store.add(account, raw, created_by=req.context.principal.id)
        resp.status = falcon.HTTP_201
        resp.media = {"id": key.id, "key": raw}


class ServiceKey:
    def __init__(self, store: KeyStore):
        self.store = store

    def on_delete(self, req: falcon.Request, resp: falcon.Response, account: str, key_id: str) -> None:  # flaw: authz-missing
        if not self.store.revoke(account, key_id):
            raise falcon.HTTPNotFound()
        resp.status = falcon.HTTP_204

    @falcon.before(authenticated)
    @falcon.before(require_permission("service_keys:read"))
    def on_get(self, req: falcon.Request, resp: falcon.Response, account: str, key_id: str) -> None:
        key = self.store.get(account, key_id)
        if key is None:
            raise falcon.HTTPNotFound()
        resp.media = {"id": key.id, "prefix": key.prefix, "last_used": key.last_used and key.last_used.isoformat()}


def routes(app: falcon.App, store: KeyStore) -> None:
    app.add_route("/accounts/{account}/keys", ServiceKeys(store))
    app.add_route("/accounts/{account}/keys/{key_id}", ServiceKey(store))
