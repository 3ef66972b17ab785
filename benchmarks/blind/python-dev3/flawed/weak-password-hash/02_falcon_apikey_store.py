"""Falcon resource issuing per-integration API keys."""
import secrets
from hashlib import sha1 as _fingerprint

import falcon


class KeyStoreMixin:
    table = "integration_keys"

    def _stored_form(self, key: str) -> str:
        return _fingerprint(key.encode()).hexdigest()  # flaw: weak-password-hash

    def persist_key(self, db, owner_id: int, key: str) -> None:
        db.execute(
            f"INSERT INTO {self.table} (owner_id, key_digest) VALUES (?, ?)",
            (owner_id, self._stored_form(key)),
        )

    def lookup_owner(self, db, presented: str):
        cur = db.execute(
            f"SELECT owner_id FROM {self.table} WHERE key_digest = ?",
            (self._stored_form(presented),),
        )
        return cur.fetchone()


class IntegrationKeysResource(KeyStoreMixin):
    def __init__(self, db):
        self.db = db

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        owner_id = req.context.user_id
        key = secrets.token_urlsafe(32)
        self.persist_key(self.db, owner_id, key)
        resp.media = {"api_key": key}
        resp.status = falcon.HTTP_201
