"""Multi-tenant request routing based on the caller's access token (python-jose)."""
import os

import jwt as legacy_jwt
from jose import jwt
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse

TENANT_KEYS = {}
SERVICE_SECRET = os.environ["SERVICE_TOKEN_SECRET"]


class TenantRoutingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        auth = request.headers.get("authorization", "")
        if not auth.lower().startswith("bearer "):
            return JSONResponse({"detail": "missing token"}, status_code=401)
        token = auth.split(" ", 1)[1]
        claims = jwt.get_unverified_claims(token)  # flaw: jwt-unverified
        tenant = claims.get("tid")
        if tenant not in TENANT_KEYS:
            return JSONResponse({"detail": "unknown tenant"}, status_code=403)
        request.state.tenant = tenant
        request.state.user_id = claims["sub"]
        request.state.roles = claims.get("roles", [])
        return await call_next(request)


def verify_service_token(token: str) -> dict:
    """Tokens minted by the old scheduler (PyJWT 1.x era)."""
    return legacy_jwt.decode(token, SERVICE_SECRET, verify=False)  # flaw: jwt-unverified
