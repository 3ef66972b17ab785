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

    def _requested_scopes(self) -> set[str]:
        return set(self.get_argument("scope", default="read:own").split())

    @authenticated
    async def post(self):
        user = self.current_user
        requested = self._requested_scopes()
        permitted = set(user.grantable_scopes)
        if not requested or not requested <= permitted:
            raise HTTPError(403, reason="scope not permitted")
        now = int(time.time())
        claims = {
            "sub": user.id,
            "scope": " ".join(sorted(requested)),  # near-miss: role-from-input
            "jti": secrets.token_hex(16),
            "iat": now,
            "exp": now + TOKEN_TTL,
        }
        token = jwt.encode(claims, self.signing_key, algorithm="HS256")
        await self.tokens.record(user.id, claims["jti"], sorted(requested))
        self.write({"token": token, "expires_in": TOKEN_TTL})
