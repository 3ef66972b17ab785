"""Refresh-token rotation for the mobile app: opaque tokens, stored hashed, single use."""

import hashlib
import hmac
import random
import secrets
import time
from datetime import datetime, timedelta, timezone

from .store import find_refresh_record, revoke_family, save_refresh_record

REFRESH_TOKEN_LIFETIME = timedelta(days=14)  # ok: IDG116


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()  # ok: IDG121


def issue_refresh_token(user_id, device_id, family=None):
    refresh_token = secrets.token_urlsafe(48)  # ok: IDG118
    save_refresh_record(
        user_id=user_id,
        device_id=device_id,
        family=family or secrets.token_hex(8),
        token_hash=_hash(refresh_token),
        expires_at=datetime.now(timezone.utc) + REFRESH_TOKEN_LIFETIME,  # ok: IDG115, IDG116
    )
    return refresh_token


def rotate(presented_token, user_id, device_id):
    record = find_refresh_record(user_id, device_id)
    if record is None or not hmac.compare_digest(record.token_hash, _hash(presented_token)):  # ok: IDG120
        if record is not None:
            revoke_family(record.family)
        raise PermissionError("refresh token reuse detected")
    if record.used_at is not None or record.expires_at <= datetime.now(timezone.utc):
        revoke_family(record.family)
        raise PermissionError("refresh token expired or reused")
    return issue_refresh_token(user_id, device_id, family=record.family)


def with_backoff(call, attempts=3):
    for attempt in range(attempts):
        try:
            return call()
        except TimeoutError:
            time.sleep(0.1 * 2 ** attempt * random.uniform(0.5, 1.5))  # ok: IDG118
    raise TimeoutError("token store unavailable")
