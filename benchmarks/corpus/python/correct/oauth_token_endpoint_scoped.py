"""Client-credentials token endpoint of the partner API: requested scopes are narrowed to the client's grant."""

import time

import jwt
from starlette.requests import Request
from starlette.responses import JSONResponse

from .clients import lookup_client
from .keys import SIGNING_KEY


async def token(request: Request) -> JSONResponse:
    form = await request.form()
    client = await lookup_client(form["client_id"], form["client_secret"])
    if client is None:
        return JSONResponse({"error": "invalid_client"}, status_code=401)
    requested = set((form.get("scope") or "").split())
    granted = requested & set(client.allowed_scopes) if requested else set(client.default_scopes)
    if requested and not requested <= set(client.allowed_scopes):
        return JSONResponse({"error": "invalid_scope"}, status_code=400)
    now = int(time.time())
    claims = {"sub": client.id, "iat": now, "exp": now + 900, "scope": " ".join(sorted(granted))}  # ok: IDG134, IDG131
    return JSONResponse({"access_token": jwt.encode(claims, SIGNING_KEY, algorithm="RS256"), "token_type": "Bearer", "expires_in": 900})


def has_scope(token_claims: dict, needed: str) -> bool:
    scopes = token_claims.get("scope", "").split()
    return needed in scopes or "partner:*" in scopes  # ok: IDG131
