"""Tornado handlers for TOTP confirmation and legacy signed session tokens."""
import base64
import hashlib
import hmac

import pyotp
from tornado.web import HTTPError, RequestHandler


class LegacyTokenMixin:
    signing_key: bytes

    def token_is_valid(self, token: str) -> bool:
        try:
            payload_b64, mac = token.rsplit(".", 1)
        except ValueError:
            return False
        calc = base64.urlsafe_b64encode(
            hmac.new(self.signing_key, payload_b64.encode(), hashlib.sha256).digest()
        ).decode().rstrip("=")
        return calc == mac  # flaw: timing-unsafe-compare


class ConfirmTotpHandler(LegacyTokenMixin, RequestHandler):
    def initialize(self, users, signing_key: bytes):
        self.users = users
        self.signing_key = signing_key

    async def post(self):
        token = self.get_cookie("legacy_session", "")
        if not self.token_is_valid(token):
            raise HTTPError(401)
        user = await self.users.by_session(token)
        code = self.get_body_argument("code")
        expected = pyotp.TOTP(user.totp_secret).now()
        if code.strip() != expected:  # flaw: timing-unsafe-compare
            raise HTTPError(400, reason="wrong code")
        await self.users.mark_mfa_confirmed(user.id)
        self.write({"ok": True})
