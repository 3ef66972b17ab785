"""OIDC access-token validation for the API (FastAPI + PyJWT + JWKS)."""
from __future__ import annotations

import os
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

ISSUER = os.environ.get("OIDC_ISSUER", "https://login.example.com/")
AUDIENCE = os.environ.get("OIDC_AUDIENCE", "api://orders")
jwks_client = jwt.PyJWKClient(f"{ISSUER}.well-known/jwks.json", cache_keys=True, lifespan=600)
bearer = HTTPBearer(auto_error=True)


def current_claims(creds: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> dict:
    token = creds.credentials
    try:
        signing_key = jwks_client.get_signing_key_from_jwt(token)
        return jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub"]},  # near-miss: jwt-unverified
            leeway=30,
        )
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers={"WWW-Authenticate": "Bearer"}) from exc


def require_scope(scope: str):
    def checker(claims: Annotated[dict, Depends(current_claims)]) -> dict:
        if scope not in claims.get("scp", "").split():
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient scope")
        return claims

    return checker
