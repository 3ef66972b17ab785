"""Sanic middleware validating HS256 service tokens with python-jose."""
import os

from jose import JWTError, jwt
from sanic import Sanic
from sanic.exceptions import Unauthorized
from sanic.response import json

app = Sanic("ledger")

SERVICE_SECRET = os.environ["LEDGER_SERVICE_SECRET"]
DECODE_OPTIONS = {
    "verify_signature": True,  # near-miss: jwt-unverified
    "verify_aud": True,
    "verify_exp": True,
    "require_exp": True,
}
PUBLIC_PATHS = frozenset({"/healthz", "/metrics"})


def decode_service_token(token: str) -> dict:
    return jwt.decode(
        token,
        SERVICE_SECRET,
        algorithms=["HS256"],
        audience="ledger",
        options=DECODE_OPTIONS,
    )


@app.on_request
async def authenticate(request):
    if request.path in PUBLIC_PATHS:
        return
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("bearer token required")
    try:
        request.ctx.claims = decode_service_token(token)
    except JWTError as exc:
        raise Unauthorized("invalid token") from exc


@app.get("/entries/<account_id>")
async def entries(request, account_id: str):
    return json({"account": account_id, "caller": request.ctx.claims["sub"], "entries": []})
