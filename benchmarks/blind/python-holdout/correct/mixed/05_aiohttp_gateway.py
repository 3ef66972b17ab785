"""Edge gateway for the partner API: verified tokens, hashed partner keys, fail-closed policy (aiohttp)."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
from dataclasses import dataclass, field

import aiohttp
import jwt
from aiohttp import web

log = logging.getLogger("gateway")

UPSTREAM = os.environ.get("GATEWAY_UPSTREAM", "http://partner-api.internal:8080")
POLICY_URL = os.environ.get("POLICY_URL", "http://policy.internal:8181/v1/data/gateway/allow")
AUDIENCE = "partner-api"
KEY_PEPPER = os.environ["PARTNER_KEY_PEPPER"].encode()
REDACT = frozenset({"authorization", "x-partner-key", "cookie"})
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host"}

ISSUERS = {
    "https://login.example.com": jwt.PyJWKClient("https://login.example.com/.well-known/jwks.json"),
    "https://mesh.internal.example.com": jwt.PyJWKClient("https://mesh.internal.example.com/jwks"),
}


@dataclass
class Caller:
    subject: str
    kind: str
    scopes: set[str] = field(default_factory=set)


def _safe_headers(headers) -> dict[str, str]:
    return {k: ("***" if k.lower() in REDACT else v) for k, v in headers.items()}


def _caller_from_jwt(token: str) -> Caller:
    unverified = jwt.decode(token, options={"verify_signature": False})  # near-miss: jwt-unverified
    issuer = unverified.get("iss")
    jwks = ISSUERS.get(issuer)
    if jwks is None:
        raise jwt.InvalidIssuerError(issuer)
    key = jwks.get_signing_key_from_jwt(token).key
    claims = jwt.decode(token, key, algorithms=["RS256", "ES256"], audience=AUDIENCE, issuer=issuer)
    kind = "service" if issuer.startswith("https://mesh.") else "user"
    return Caller(claims["sub"], kind, set(claims.get("scope", "").split()))


async def _caller_from_api_key(request: web.Request, presented: str) -> Caller | None:
    partner_id, _, secret_part = presented.partition(".")
    record = await request.app["keys"].active_key(partner_id)
    if record is None:
        return None
    digest = hmac.new(KEY_PEPPER, secret_part.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, record.digest):
        return None
    return Caller(f"partner:{partner_id}", "partner", set(record.scopes))


async def _policy_allows(session: aiohttp.ClientSession, caller: Caller, method: str, path: str) -> bool:
    payload = {"input": {"subject": caller.subject, "kind": caller.kind, "scopes": sorted(caller.scopes), "method": method, "path": path}}
    try:
        async with session.post(POLICY_URL, json=payload, timeout=aiohttp.ClientTimeout(total=0.3)) as resp:
            if resp.status != 200:
                return False
            return (await resp.json()).get("result") is True
    except (asyncio.TimeoutError, aiohttp.ClientError, ValueError):
        log.warning("policy unavailable; denying %s %s", method, path)
        return False


@web.middleware
async def authenticate(request: web.Request, handler):
    if request.path == "/healthz":
        return await handler(request)
    log.debug("inbound %s %s headers=%r", request.method, request.path, _safe_headers(request.headers))  # near-miss: secret-in-log
    auth = request.headers.get("Authorization", "")
    api_key = request.headers.get("X-Partner-Key")
    caller = None
    try:
        if auth.startswith("Bearer "):
            caller = _caller_from_jwt(auth[7:])
        elif api_key:
            caller = await _caller_from_api_key(request, api_key)
    except jwt.PyJWTError:
        caller = None
    if caller is None:
        raise web.HTTPUnauthorized()
    if not await _policy_allows(request.app["http"], caller, request.method, request.path):
        raise web.HTTPForbidden()
    request["caller"] = caller
    return await handler(request)


async def proxy(request: web.Request) -> web.StreamResponse:
    caller: Caller = request["caller"]
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | REDACT}
    headers["X-Caller"] = caller.subject
    headers["X-Caller-Kind"] = caller.kind
    async with request.app["http"].request(request.method, f"{UPSTREAM}{request.rel_url}", headers=headers, data=await request.read()) as upstream:
        return web.Response(status=upstream.status, body=await upstream.read(), content_type=upstream.content_type)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def _on_startup(app: web.Application) -> None:
    app["http"] = aiohttp.ClientSession()


async def _on_cleanup(app: web.Application) -> None:
    await app["http"].close()


def build_app(key_store) -> web.Application:
    app = web.Application(middlewares=[authenticate])
    app["keys"] = key_store
    app.router.add_get("/healthz", healthz)
    app.router.add_route("*", "/{tail:.*}", proxy)
    app.on_startup.append(_on_startup)
    app.on_cleanup.append(_on_cleanup)
    return app
