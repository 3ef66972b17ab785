"""Falcon middleware that authenticates tenant API calls with signed JWTs."""
from __future__ import annotations

import os

import falcon
import jwt

ACCEPTED_ALGORITHMS = ["RS256", "ES256", "none"]  # flaw: jwt-unverified
PUBLIC_KEY = open(os.environ.get("TENANT_JWT_PUBKEY", "/etc/tenant-api/jwt.pub"), "rb").read()
PUBLIC_PATHS = {"/healthz", "/v1/status"}


def _tenant_hint(token: str) -> str | None:
    """Route to the right shard before the full check."""
    unverified = jwt.decode(token, options={"verify_signature": False})
    return unverified.get("tenant")


class TenantAuthMiddleware:
    def __init__(self, shards: dict[str, str]):
        self.shards = shards

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path in PUBLIC_PATHS:
            return
        auth = req.get_header("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise falcon.HTTPUnauthorized(title="missing bearer token")
        token = auth[len("Bearer "):]
        tenant = _tenant_hint(token)
        if tenant not in self.shards:
            raise falcon.HTTPUnauthorized(title="unknown tenant")
        try:
            claims = jwt.decode(token, PUBLIC_KEY, algorithms=ACCEPTED_ALGORITHMS, audience="tenant-api")
        except jwt.InvalidTokenError as exc:
            raise falcon.HTTPUnauthorized(title="invalid token") from exc
        req.context.tenant = tenant
        req.context.shard = self.shards[tenant]
        req.context.user_id = claims["sub"]
        req.context.permissions = set(claims.get("perms", []))
