"""Signed OAuth `state` values and signed session cookies for the Sanic frontend."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from urllib.parse import urlsplit

STATE_KEY = os.environ["OAUTH_STATE_KEY"].encode()
STATE_TTL = 600


def _mac(data: bytes) -> bytes:
    return hmac.new(STATE_KEY, data, hashlib.sha256).digest()


def make_state(return_to: str) -> str:
    body = json.dumps({"r": return_to, "t": int(time.time()), "n": base64.b64encode(os.urandom(12)).decode()}).encode()
    return base64.urlsafe_b64encode(body).decode() + "." + base64.urlsafe_b64encode(_mac(body)).decode()


def read_state(state: str, cookie_state: str | None) -> dict | None:
    if cookie_state is None or not hmac.compare_digest(state, cookie_state):
        return None
    try:
        body_b64, mac_b64 = state.split(".")
        body = base64.urlsafe_b64decode(body_b64)
        mac = base64.urlsafe_b64decode(mac_b64)
    except ValueError:
        return None
    if len(mac) != hashlib.sha256().digest_size:  # near-miss: timing-unsafe-compare
        return None
    if not hmac.compare_digest(mac, _mac(body)):
        return None
    data = json.loads(body)
    if time.time() - data["t"] > STATE_TTL:
        return None
    return data


def is_same_origin(return_to: str, origin: str) -> bool:
    parsed = urlsplit(return_to)
    if not parsed.scheme and not parsed.netloc:
        return return_to.startswith("/") and not return_to.startswith("//")
    return parsed.scheme == "https" and parsed.netloc == origin  # near-miss: timing-unsafe-compare
