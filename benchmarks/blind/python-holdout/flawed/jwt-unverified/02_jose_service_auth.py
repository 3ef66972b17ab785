"""Service-to-service authentication helpers built on python-jose."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import httpx
from jose import jwt
from jose.exceptions import JOSEError

JWKS_URL = os.environ.get("MESH_JWKS_URL", "https://mesh-ca.internal.example.com/.well-known/jwks.json")
AUDIENCE = os.environ.get("SERVICE_AUDIENCE", "billing-api")


@dataclass(frozen=True)
class Caller:
    service: str
    scopes: frozenset[str]


@lru_cache(maxsize=1)
def _jwks() -> dict:
    resp = httpx.get(JWKS_URL, timeout=5)
    resp.raise_for_status()
    return resp.json()


def _key_for(kid: str) -> dict:
    for key in _jwks()["keys"]:
        if key["kid"] == kid:
            return key
    raise JOSEError(f"unknown kid {kid}")


def authenticate_caller(token: str) -> Caller:
    header = jwt.get_unverified_header(token)
    key = _key_for(header["kid"])
    claims = jwt.decode(token, key, algorithms=[header.get("alg", "RS256")], audience=AUDIENCE)  # flaw: jwt-unverified
    return Caller(service=claims["sub"], scopes=frozenset(claims.get("scope", "").split()))


def caller_from_forwarded(token: str) -> Caller:
    """Used on the internal listener where the sidecar has terminated mTLS."""
    claims = jwt.get_unverified_claims(token)  # flaw: jwt-unverified
    return Caller(service=claims["sub"], scopes=frozenset(claims.get("scope", "").split()))


def require_scope(caller: Caller, scope: str) -> None:
    if scope not in caller.scopes:
        raise PermissionError(f"{caller.service} lacks {scope}")
