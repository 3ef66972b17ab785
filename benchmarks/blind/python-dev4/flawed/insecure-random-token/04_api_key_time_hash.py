"""API key issuance for the Glasswing telemetry ingest service."""
import hashlib
import time

from falcon import HTTP_201, HTTPForbidden

from .store import ApiKeyStore


def derive_key(tenant_id: str, label: str) -> str:
    seed = f"{tenant_id}:{label}:{time.time()}"
    return "gw_" + hashlib.sha256(seed.encode()).hexdigest()[:40]  # flaw: insecure-random-token


class ApiKeysResource:
    def __init__(self, store: ApiKeyStore):
        self.store = store

    def on_post(self, req, resp, tenant_id):
        if req.context.user.tenant_id != tenant_id or not req.context.user.can_manage_keys:
            raise HTTPForbidden()
        label = (req.get_media() or {}).get("label", "default")
        raw = derive_key(tenant_id, label)
        self.store.save(tenant_id=tenant_id, label=label, key_digest=self.store.digest(raw))
        resp.media = {"api_key": raw, "label": label}
        resp.status = HTTP_201

    def on_get(self, req, resp, tenant_id):
        if req.context.user.tenant_id != tenant_id:
            raise HTTPForbidden()
        resp.media = {"keys": [k.label for k in self.store.list(tenant_id)]}
