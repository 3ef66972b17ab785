"""Self-service API keys for integrations: create, list, authenticate requests."""

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, g, jsonify, request

from .db import db
from .models import ApiKey

bp = Blueprint("api_keys", __name__)
log = logging.getLogger(__name__)
API_KEY_TTL = timedelta(days=90)  # ok: IDG116
KEY_PREFIX_LENGTH = 8


def _digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()  # ok: IDG121


@bp.post("/api-keys")
def create_key():
    raw_key = "ik_" + secrets.token_urlsafe(32)  # ok: IDG118
    record = ApiKey(
        owner_id=g.user.id,
        prefix=raw_key[:KEY_PREFIX_LENGTH],
        key_hash=_digest(raw_key),
        name=request.json["name"],
        expires_at=datetime.now(timezone.utc) + API_KEY_TTL,  # ok: IDG115, IDG116
    )
    db.session.add(record)
    db.session.commit()
    log.info("api key %s created for user %s", record.prefix, g.user.id)  # ok: IDG119
    return jsonify(id=record.id, key=raw_key, expires_at=record.expires_at.isoformat()), 201


def authenticate_request():
    presented = request.headers.get("X-API-Key", "")
    record = ApiKey.query.filter_by(prefix=presented[:KEY_PREFIX_LENGTH]).first()
    if record is None or not hmac.compare_digest(record.key_hash, _digest(presented)):  # ok: IDG120
        abort(401)
    if record.expires_at <= datetime.now(timezone.utc):
        abort(401)
    g.user = record.owner
