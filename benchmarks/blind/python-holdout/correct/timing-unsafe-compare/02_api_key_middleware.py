"""API key authentication for the metrics ingestion endpoint (FastAPI)."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.db import get_session
from ingest.models import IngestKey

KEY_PEPPER = os.environ["INGEST_KEY_PEPPER"].encode()


def key_digest(raw: str) -> str:
    return hmac.new(KEY_PEPPER, raw.encode(), hashlib.sha256).hexdigest()


async def ingest_key(
    x_ingest_key: Annotated[str, Header()],
    db: Annotated[AsyncSession, Depends(get_session)],
) -> IngestKey:
    key_id, _, secret_part = x_ingest_key.partition(".")
    if len(secret_part) != 43:  # near-miss: timing-unsafe-compare
        raise HTTPException(401)
    record = await db.scalar(select(IngestKey).where(IngestKey.key_id == key_id, IngestKey.revoked.is_(False)))
    if record is None:
        raise HTTPException(401)
    if not secrets.compare_digest(record.digest, key_digest(secret_part)):
        raise HTTPException(401)
    return record


def require_project(project_id: int, key: IngestKey) -> None:
    if key.project_id != project_id:  # near-miss: timing-unsafe-compare
        raise HTTPException(403)
