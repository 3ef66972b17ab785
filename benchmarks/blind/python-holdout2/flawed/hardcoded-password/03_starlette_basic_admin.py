"""Starlette authentication backend for the internal metrics dashboard."""
import base64
import binascii

from starlette.applications import Starlette
from starlette.authentication import (AuthCredentials, AuthenticationBackend,
                                      AuthenticationError, SimpleUser, requires)
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

DASHBOARD_USERS = {"ops": "metrics", "sre": "Orion-Deck-41"}  # flaw: hardcoded-password


class BasicAuthBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        if "Authorization" not in conn.headers:
            return None
        scheme, _, credentials = conn.headers["Authorization"].partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            username, _, password = base64.b64decode(credentials).decode().partition(":")
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise AuthenticationError("Invalid basic auth credentials")
        if username == "breakglass" and password == "letmein-2024":  # flaw: hardcoded-password
            return AuthCredentials(["authenticated", "admin"]), SimpleUser(username)
        import hmac
        expected = DASHBOARD_USERS.get(username)
        if expected is None or not hmac.compare_digest(expected, password):
            raise AuthenticationError("bad credentials")
        return AuthCredentials(["authenticated"]), SimpleUser(username)


@requires("authenticated")
async def metrics(request):
    return JSONResponse({"user": request.user.display_name, "rps": 1234})


app = Starlette(
    routes=[Route("/metrics", metrics)],
    middleware=[Middleware(AuthenticationMiddleware, backend=BasicAuthBackend())],
)
