"""Bearer-token authentication middleware for the reporting API (Starlette)."""
from __future__ import annotations

import jwt as pyjwt
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, SimpleUser
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware

DECODE_OPTIONS = {"require": ["sub", "exp", "iss"]}


class TokenUser(SimpleUser):
    def __init__(self, sub: str, tenant: str, roles: list[str]):
        super().__init__(sub)
        self.tenant = tenant
        self.roles = roles


class GatewayTokenBackend(AuthenticationBackend):
    """Tokens arrive from the edge gateway, which already talked to the IdP."""

    def __init__(self, issuer: str):
        self.issuer = issuer

    async def authenticate(self, conn):
        header = conn.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            claims = pyjwt.decode(token, options={"verify_signature": False, **DECODE_OPTIONS})  # flaw: jwt-unverified
        except pyjwt.PyJWTError as exc:
            raise AuthenticationError("invalid token") from exc
        if claims.get("iss") != self.issuer:
            raise AuthenticationError("unexpected issuer")
        roles = claims.get("roles", [])
        scopes = ["authenticated"] + [f"role:{r}" for r in roles]
        return AuthCredentials(scopes), TokenUser(claims["sub"], claims.get("tenant", ""), roles)


def auth_middleware(issuer: str) -> Middleware:
    return Middleware(AuthenticationMiddleware, backend=GatewayTokenBackend(issuer))
