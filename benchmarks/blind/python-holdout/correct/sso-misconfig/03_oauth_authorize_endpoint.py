"""Authorization endpoint of the in-house OAuth server (Tornado); exact redirect_uri matching."""
from __future__ import annotations

import secrets
import time
from urllib.parse import urlencode

import tornado.web

CODE_TTL = 60


class AuthorizeHandler(tornado.web.RequestHandler):
    def initialize(self, clients, codes) -> None:
        self.clients = clients
        self.codes = codes

    def get_current_user(self):
        return self.application.sessions.user_for(self.get_secure_cookie("as_session"))

    @tornado.web.authenticated
    def get(self) -> None:
        client = self.clients.get(self.get_query_argument("client_id", ""))
        if client is None:
            raise tornado.web.HTTPError(400, reason="unknown client")
        redirect_uri = self.get_query_argument("redirect_uri", "")
        if redirect_uri not in client.redirect_uris:  # near-miss: sso-misconfig
            raise tornado.web.HTTPError(400, reason="redirect_uri not registered")
        state = self.get_query_argument("state", "")
        challenge = self.get_query_argument("code_challenge", "")
        if not state or not challenge or self.get_query_argument("code_challenge_method", "") != "S256":
            raise tornado.web.HTTPError(400, reason="state and PKCE are required")
        requested = set(self.get_query_argument("scope", "").split())
        scopes = sorted(requested & set(client.allowed_scopes))
        code = secrets.token_urlsafe(32)
        self.codes.put(
            code,
            {"client_id": client.id, "user_id": self.current_user.id, "redirect_uri": redirect_uri, "scopes": scopes, "challenge": challenge, "exp": time.time() + CODE_TTL},
            ttl=CODE_TTL,
        )
        self.redirect(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")
