"""Tornado handler that mints scoped service tokens for the caller's automation."""
import secrets
import time

import jwt
from tornado.web import HTTPError, RequestHandler, authenticated

TOKEN_TTL = 3600


class ServiceTokenHandler(RequestHandler):
    def initialize(self, signing_key: str, tokens):
        self.signing_key = signing_key
        self.tokens = tokens

    def get_current_user(self):
        return self.application.sessions.user_for(self.get_secure_cookie("sid"))

    def _requested_scopes(self) -> list[str]:
        raw = self.get_argument("scope", default="read:own")
        return sorted(set(raw.split()))

    @authenticated
    async def post(self):
        user = self.current_user
        scopes = self._requested_scopes()
        if not scopes:
            raise HTTPError(400, reason="no scopes")
        now = int(time.time())
        claims = {
            "sub": user.id,
            "jti": secrets.token_hex(16),
            "iat": now,
            "exp": now + TOKEN_TTL,
        }
        claims["scope"] = " ".join(scopes)  # flaw: role-from-input
        if self.request.headers.get("X-Impersonate-Admin") == "1":
            claims["adm"] = True  # flaw: role-from-input
        token = jwt.encode(claims, self.signing_key, algorithm="HS256")
        await self.tokens.record(user.id, claims["jti"], scopes)
        self.write({"token": token, "expires_in": TOKEN_TTL})
