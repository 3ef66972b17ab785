"""Refresh-token rotation for the mobile app."""

from datetime import datetime, timedelta, timezone

import jwt

from .store import find_refresh_token, save_refresh_token

SIGNING_KEY_PATH = "/run/secrets/refresh_signing_key"
REFRESH_TOKEN_LIFETIME = timedelta(days=180)  # expect: IDG116


def load_key():
    with open(SIGNING_KEY_PATH) as handle:
        return handle.read()


def issue_refresh_token(user_id, device_id):
    now = datetime.now(timezone.utc)
    refresh_token = jwt.encode(
        {"sub": user_id, "device": device_id, "typ": "refresh", "iat": now, "exp": now + REFRESH_TOKEN_LIFETIME},  # expect: IDG116
        load_key(),
        algorithm="HS256",
    )
    save_refresh_token(user_id, device_id, refresh_token)
    return refresh_token


def rotate(presented_token, user_id, device_id):
    stored = find_refresh_token(user_id, device_id)
    if stored is None or stored.refresh_token != presented_token:  # expect: IDG120
        raise PermissionError("refresh token reuse detected")
    return issue_refresh_token(user_id, device_id)
