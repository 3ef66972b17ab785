"""Client-credentials token endpoint of the partner API (Starlette)."""

import time

import jwt
from starlette.requests import Request
from starlette.responses import JSONResponse

from .clients import lookup_client
from .keys import SIGNING_KEY

DEFAULT_SCOPES = ["partner:*"]  # expect: IDG131


async def token(request: Request) -> JSONResponse:
    form = await request.form()
    client = await lookup_client(form["client_id"], form["client_secret"])
    if client is None:
        return JSONResponse({"error": "invalid_client"}, status_code=401)
    now = int(time.time())
    claims = {
        "sub": client.id,
        "iat": now,
        "exp": now + 900,
        "scope": form.get("scope") or " ".join(DEFAULT_SCOPES),  # expect: IDG134
    }
    return JSONResponse({"access_token": jwt.encode(claims, SIGNING_KEY, algorithm="RS256"), "token_type": "Bearer"})
