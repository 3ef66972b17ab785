"""Resource-server token checks for the Quart API using authlib's JOSE implementation."""
from __future__ import annotations

import os
from functools import wraps

import httpx
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError
from quart import abort, g, request

ISSUER = os.environ["AUTH_ISSUER"]
AUDIENCE = os.environ.get("AUTH_AUDIENCE", "quart-api")

jwt = JsonWebToken(["RS256", "PS256"])
_key_set = None

CLAIMS_OPTIONS = {
    "iss": {"essential": True, "value": ISSUER},
    "aud": {"essential": True, "value": AUDIENCE},
    "exp": {"essential": True},
    "sub": {"essential": True},
}


async def _keys():
    global _key_set
    if _key_set is None:
        async with httpx.AsyncClient(timeout=5) as client:
            resp = await client.get(f"{ISSUER}/.well-known/jwks.json")
            resp.raise_for_status()
            _key_set = JsonWebKey.import_key_set(resp.json())
    return _key_set


def require_token(view):
    @wraps(view)
    async def wrapper(*args, **kwargs):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            abort(401)
        try:
            claims = jwt.decode(auth[7:], await _keys(), claims_options=CLAIMS_OPTIONS)  # near-miss: jwt-unverified
            claims.validate(leeway=30)
        except JoseError:
            abort(401)
        g.claims = claims
        return await view(*args, **kwargs)

    return wrapper
