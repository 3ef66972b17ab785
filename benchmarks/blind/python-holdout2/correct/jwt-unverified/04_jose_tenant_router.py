"""Multi-tenant request routing based on the caller's access token (python-jose)."""
import os

from jose import jwt
from jose.exceptions import JWTError
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse

TENANT_KEYS: dict[str, dict] = {}
SERVICE_SECRET = os.environ["SERVICE_TOKEN_SECRET"]


class TenantRoutingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        auth = request.headers.get("authorization", "")
        if not auth.lower().startswith("bearer "):
            return JSONResponse({"detail": "missing token"}, status_code=401)
        token = auth.split(" ", 1)[1]
        # tid only selects which tenant key to verify with
        tenant = jwt.get_unverified_claims(token).get("tid")  # near-miss: jwt-unverified
        key = TENANT_KEYS.get(tenant)
        if key is None:
            return JSONResponse({"detail": "unknown tenant"}, status_code=403)
        try:
            claims = jwt.decode(token, key, algorithms=["RS256"], audience=f"api://{tenant}")
        except JWTError:
            return JSONResponse({"detail": "invalid token"}, status_code=401)
        if claims.get("tid") != tenant:
            return JSONResponse({"detail": "tenant mismatch"}, status_code=403)
        request.state.tenant = tenant
        request.state.user_id = claims["sub"]
        request.state.roles = claims.get("roles", [])
        return await call_next(request)


def verify_service_token(token: str) -> dict:
    return jwt.decode(token, SERVICE_SECRET, algorithms=["HS256"], options={"require_exp": True})  # near-miss: jwt-unverified
