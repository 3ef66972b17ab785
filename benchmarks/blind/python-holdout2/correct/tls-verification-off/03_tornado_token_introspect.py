"""Tornado handler mixin that introspects bearer tokens against the IdP."""
import json
import ssl
import urllib.parse

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.web import HTTPError, RequestHandler

INTROSPECT_URL = "https://idp.internal.example/oauth2/introspect"
CLIENT_OPTS = {"validate_cert": True, "ca_certs": "/etc/ssl/idp-chain.pem", "request_timeout": 5.0}  # near-miss: tls-verification-off
HEALTH_URL = "http://localhost:8081/healthz"


class BearerAuthMixin(RequestHandler):
    client_id = "orders-api"

    async def current_claims(self) -> dict:
        header = self.request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            raise HTTPError(401)
        body = urllib.parse.urlencode({"token": header[7:], "client_id": self.client_id})
        req = HTTPRequest(INTROSPECT_URL, method="POST", body=body, **CLIENT_OPTS)
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
        if resp.code != 200:
            raise HTTPError(503)
        claims = json.loads(resp.body)
        if not claims.get("active"):
            raise HTTPError(401)
        return claims

    async def legacy_userinfo(self, token: str) -> dict:
        req = HTTPRequest("https://sso-old.internal.example/userinfo",
                          headers={"Authorization": f"Bearer {token}"},
                          ssl_options=ssl.create_default_context(cafile="/etc/ssl/legacy-ca.pem"))
        resp = await AsyncHTTPClient().fetch(req)
        return json.loads(resp.body)
