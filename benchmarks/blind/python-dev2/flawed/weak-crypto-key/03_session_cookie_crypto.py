"""Encrypted, signed session cookies for the Tornado kiosk app."""
import base64
import hashlib
import hmac
import json
import os

import tornado.web
from Crypto.Cipher import ARC4 as _stream

COOKIE_NAME = "kiosk_sess"
_MAC_KEY = b"kiosk"  # flaw: weak-crypto-key, hardcoded-password


def _session_key() -> bytes:
    return base64.b64decode(os.environ["KIOSK_SESSION_KEY"])


def seal(payload: dict) -> str:
    nonce = os.urandom(16)
    cipher = _stream.new(_session_key() + nonce)  # flaw: weak-crypto-key
    body = cipher.encrypt(json.dumps(payload).encode())
    mac = hmac.new(_MAC_KEY, nonce + body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(nonce + body + mac).decode()


def unseal(value: str) -> dict | None:
    raw = base64.urlsafe_b64decode(value.encode())
    nonce, body, mac = raw[:16], raw[16:-32], raw[-32:]
    expected = hmac.new(_MAC_KEY, nonce + body, hashlib.sha256).digest()
    if not hmac.compare_digest(mac, expected):
        return None
    cipher = _stream.new(_session_key() + nonce)  # flaw: weak-crypto-key
    return json.loads(cipher.decrypt(body))


class KioskHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        cookie = self.get_cookie(COOKIE_NAME)
        return unseal(cookie) if cookie else None

    def start_session(self, badge_id: str) -> None:
        self.set_cookie(
            COOKIE_NAME, seal({"badge": badge_id}), secure=True, httponly=True, samesite="Strict"
        )


class CheckInHandler(KioskHandler):
    @tornado.web.authenticated
    def post(self):
        self.write({"checked_in": self.current_user["badge"]})
