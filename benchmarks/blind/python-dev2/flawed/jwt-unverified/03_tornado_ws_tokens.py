"""Authentication for the Tornado live-dashboard websocket and REST handlers."""
import os

import jwt
import tornado.web
import tornado.websocket

SIGNING_KEY = os.environ["DASHBOARD_JWT_KEY"]
ACCEPTED_ALGS = ("HS256", "HS512", "none")  # flaw: jwt-unverified


def decode_token(token: str) -> dict:
    return jwt.decode(token, SIGNING_KEY, algorithms=list(ACCEPTED_ALGS), audience="dashboard")


class TokenAuthMixin:
    def get_current_user(self):
        header = self.request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        try:
            return decode_token(header.split(" ", 1)[1])
        except jwt.InvalidTokenError:
            return None


class MetricsHandler(TokenAuthMixin, tornado.web.RequestHandler):
    @tornado.web.authenticated
    def get(self):
        self.write({"tenant": self.current_user["tenant"], "metrics": []})


class LiveSocket(tornado.websocket.WebSocketHandler):
    clients: set = set()

    def open(self):
        token = self.get_argument("token", "")
        try:
            claims = jwt.api_jwt.decode_complete(token, options={"verify_signature": False})["payload"]  # flaw: jwt-unverified
        except jwt.DecodeError:
            self.close(code=4401)
            return
        self.tenant = claims.get("tenant")
        self.clients.add(self)

    def on_message(self, message):
        pass

    def on_close(self):
        self.clients.discard(self)
