"""Tornado reverse-proxy gateway: OIDC login, session cookies, webhook intake and per-route policy."""
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
import urllib.parse

import jwt
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.ioloop import IOLoop
from tornado.web import Application, HTTPError, RequestHandler

log = logging.getLogger("gateway")

ISSUER = os.environ["OIDC_ISSUER"]
CLIENT_ID = os.environ["OIDC_CLIENT_ID"]
CLIENT_SECRET = os.environ["OIDC_CLIENT_SECRET"]
WEBHOOK_SECRET = os.environ["GATEWAY_WEBHOOK_SECRET"].encode()
POLICY_URL = os.environ.get("POLICY_URL", "http://policy.internal:8080/decide")
SESSION_TTL = 8 * 3600
_jwks = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


class BaseHandler(RequestHandler):
    def get_current_user(self):
        raw = self.get_secure_cookie("gw_session", max_age_days=1)
        return json.loads(raw) if raw else None


class LoginHandler(BaseHandler):
    async def get(self):
        state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        self.set_secure_cookie("oidc_state", f"{state}.{nonce}", expires_days=None,
                               httponly=True, secure=True, samesite="Lax")
        params = {"response_type": "code", "client_id": CLIENT_ID, "scope": "openid email groups",
                  "redirect_uri": self.reverse_url("callback"), "state": state, "nonce": nonce}
        self.redirect(f"{ISSUER}/authorize?{urllib.parse.urlencode(params)}")


class CallbackHandler(BaseHandler):
    async def _exchange(self, code: str) -> dict:
        body = urllib.parse.urlencode({
            "grant_type": "authorization_code", "code": code,
            "redirect_uri": self.reverse_url("callback"),
            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        })
        resp = await AsyncHTTPClient().fetch(HTTPRequest(f"{ISSUER}/token", method="POST", body=body))
        return json.loads(resp.body)

    async def get(self):
        stored = (self.get_secure_cookie("oidc_state", max_age_days=0.01) or b"").decode()
        self.clear_cookie("oidc_state")
        state, _, nonce = stored.partition(".")
        if not state or not hmac.compare_digest(state, self.get_query_argument("state", "")):
            raise HTTPError(403, reason="state mismatch")
        tokens = await self._exchange(self.get_query_argument("code"))
        signing_key = _jwks.get_signing_key_from_jwt(tokens["id_token"])
        claims = jwt.decode(tokens["id_token"], signing_key.key, algorithms=["RS256"],  # near-miss: jwt-unverified
                            audience=CLIENT_ID, issuer=ISSUER)
        if not hmac.compare_digest(claims.get("nonce", ""), nonce):
            raise HTTPError(403, reason="nonce mismatch")
        session = {"sub": claims["sub"], "email": claims.get("email"),
                   "groups": claims.get("groups", []), "exp": int(time.time()) + SESSION_TTL}
        self.set_secure_cookie("gw_session", json.dumps(session), httponly=True, secure=True, samesite="Lax")
        self.redirect("/")


class WebhookHandler(BaseHandler):
    def check_xsrf_cookie(self):
        return None

    async def post(self, source: str):
        sig = self.request.headers.get("X-Hub-Signature-256", "")
        mac = hmac.new(WEBHOOK_SECRET, self.request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, f"sha256={mac}"):  # near-miss: timing-unsafe-compare
            raise HTTPError(401)
        event = json.loads(self.request.body)
        log.info("webhook from %s: %s", source, event.get("action"))
        self.set_status(202)


class ProxyHandler(BaseHandler):
    async def _policy_allows(self, user: dict, method: str, path: str) -> bool:
        req = HTTPRequest(POLICY_URL, method="POST", request_timeout=0.5,
                          body=json.dumps({"user": user["sub"], "groups": user["groups"],
                                           "method": method, "path": path}))
        try:
            resp = await AsyncHTTPClient().fetch(req)
        except Exception:
            log.warning("policy service unavailable, path=%s", path)
            raise HTTPError(503)
        return json.loads(resp.body).get("allow") is True

    async def prepare(self):
        user = self.current_user
        if user is None or user.get("exp", 0) < time.time():
            self.redirect("/login")
            return
        if not await self._policy_allows(user, self.request.method, self.request.path):
            raise HTTPError(403)

    async def get(self, path: str):
        resp = await AsyncHTTPClient().fetch(f"http://upstream.internal/{path}",
                                             headers={"X-User": self.current_user["sub"]}, raise_error=False)
        self.set_status(resp.code)
        self.finish(resp.body)


class PreferencesHandler(BaseHandler):
    def post(self):
        # purely cosmetic preference, read by client-side JS
        self.set_cookie("gw_theme", self.get_body_argument("theme", "light"), expires_days=365)  # near-miss: cookie-flags
        self.redirect("/")


def make_app() -> Application:
    from tornado.web import url
    return Application([
        url(r"/login", LoginHandler, name="login"),
        url(r"/oidc/callback", CallbackHandler, name="callback"),
        url(r"/hooks/(\w+)", WebhookHandler),
        url(r"/prefs", PreferencesHandler),
        url(r"/(.*)", ProxyHandler),
    ], cookie_secret=os.environ["GATEWAY_COOKIE_SECRET"], xsrf_cookies=True)


if __name__ == "__main__":
    make_app().listen(8080)
    IOLoop.current().start()
