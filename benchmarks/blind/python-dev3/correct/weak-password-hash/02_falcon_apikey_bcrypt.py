"""Falcon resource storing API keys as bcrypt(sha256(key))."""
import base64
import hashlib
import secrets

import bcrypt
import falcon


class KeyStoreMixin:
    table = "integration_keys"

    @staticmethod
    def _prehash(key: str) -> bytes:
        return base64.b64encode(hashlib.sha256(key.encode()).digest())  # near-miss: weak-password-hash

    def persist_key(self, db, owner_id: int, key_id: str, key: str) -> None:
        digest = bcrypt.hashpw(self._prehash(key), bcrypt.gensalt(rounds=12))
        db.execute(f"INSERT INTO {self.table} (owner_id, key_id, key_digest) VALUES (?, ?, ?)", (owner_id, key_id, digest))

    def check_key(self, db, key_id: str, presented: str) -> bool:
        row = db.execute(f"SELECT key_digest FROM {self.table} WHERE key_id = ?", (key_id,)).fetchone()
        return bool(row) and bcrypt.checkpw(self._prehash(presented), row[0])


class IntegrationKeysResource(KeyStoreMixin):
    def __init__(self, db):
        self.db = db

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        key_id = secrets.token_hex(6)
        key = secrets.token_urlsafe(32)
        self.persist_key(self.db, req.context.user_id, key_id, key)
        resp.media = {"key_id": key_id, "api_key": f"{key_id}.{key}"}
        resp.status = falcon.HTTP_201
