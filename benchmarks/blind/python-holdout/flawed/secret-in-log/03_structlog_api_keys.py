"""API key lifecycle with structured logging and product analytics."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets

import structlog
from posthog import Posthog

log = structlog.get_logger("keys")
analytics = Posthog(project_api_key=os.environ["POSTHOG_PROJECT_KEY"], host="https://eu.posthog.com")
KEY_PEPPER = os.environ["API_KEY_PEPPER"].encode()


def _digest(raw: str) -> str:
    return hmac.new(KEY_PEPPER, raw.encode(), hashlib.sha256).hexdigest()


def create_key(repo, user_id: int, scopes: list[str]) -> str:
    raw = "ak_" + secrets.token_urlsafe(32)
    key_id = repo.insert(owner_id=user_id, digest=_digest(raw), prefix=raw[:10], scopes=scopes)
    log.info("api_key.created", key_id=key_id, user_id=user_id, scopes=scopes, api_key=raw)  # flaw: secret-in-log
    analytics.capture(str(user_id), "api key created", {"key_id": key_id, "scope_count": len(scopes)})
    return raw


def authenticate(repo, presented: str):
    record = repo.by_prefix(presented[:10])
    if record is None or not hmac.compare_digest(record.digest, _digest(presented)):
        analytics.capture("anonymous", "api key rejected", {"presented": presented})  # flaw: secret-in-log
        return None
    log.debug("api_key.used", key_id=record.id)
    return record


def revoke(repo, key_id: int, actor_id: int) -> None:
    repo.revoke(key_id)
    log.info("api_key.revoked", key_id=key_id, actor_id=actor_id)
