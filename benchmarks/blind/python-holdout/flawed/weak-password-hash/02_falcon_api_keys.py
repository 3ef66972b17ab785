"""API key issuance and lookup for the partner API (Falcon + SQLAlchemy)."""
import hashlib
import secrets
from datetime import datetime, timezone

import falcon
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from partner_api.hooks import require_scope
from partner_api.models import ApiKey

KEY_BYTES = 32
PREFIX_LEN = 8


def _mint_raw_key() -> str:
    return "pk_" + secrets.token_urlsafe(KEY_BYTES)


def resolve_api_key(db: Session, presented: str) -> ApiKey | None:
    """Find the active key matching the value presented in X-Api-Key."""
    lookup = hashlib.md5(presented.encode("utf-8")).hexdigest()  # flaw: weak-password-hash
    stmt = select(ApiKey).where(ApiKey.key_hash == lookup, ApiKey.revoked_at.is_(None))
    return db.scalar(stmt)


class ApiKeyCollection:
    def __init__(self, session_factory: sessionmaker):
        self._sessions = session_factory

    @falcon.before(require_scope("keys:read"))
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        with self._sessions() as db:
            rows = db.scalars(
                select(ApiKey).where(ApiKey.owner_id == req.context.user.id)
            ).all()
            resp.media = [
                {"id": k.id, "label": k.label, "prefix": k.prefix, "revoked": k.revoked_at is not None}
                for k in rows
            ]

    @falcon.before(require_scope("keys:write"))
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        body = req.get_media() or {}
        raw = _mint_raw_key()
        stored = hashlib.md5(raw.encode()).hexdigest()  # flaw: weak-password-hash
        with self._sessions() as db:
            key = ApiKey(
                owner_id=req.context.user.id,
                label=str(body.get("label", "default"))[:64],
                prefix=raw[:PREFIX_LEN],
                key_hash=stored,
                created_at=datetime.now(timezone.utc),
            )
            db.add(key)
            db.commit()
            resp.status = falcon.HTTP_201
            resp.media = {"id": key.id, "key": raw, "prefix": key.prefix}


class ApiKeyItem:
    def __init__(self, session_factory: sessionmaker):
        self._sessions = session_factory

    @falcon.before(require_scope("keys:write"))
    def on_delete(self, req: falcon.Request, resp: falcon.Response, key_id: int) -> None:
        with self._sessions() as db:
            key = db.get(ApiKey, key_id)
            if key is None or key.owner_id != req.context.user.id:
                raise falcon.HTTPNotFound()
            key.revoked_at = datetime.now(timezone.utc)
            db.commit()
        resp.status = falcon.HTTP_204
