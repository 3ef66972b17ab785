"""Edge gateway for the partner API: authenticates callers, asks the policy service, proxies (aiohttp)."""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, field

import aiohttp
import jwt
from aiohttp import web

log = logging.getLogger("gateway")

UPSTREAM = os.environ.get("GATEWAY_UPSTREAM", "http://partner-api.internal:8080")
POLICY_URL = os.environ.get("POLICY_URL", "http://policy.internal:8181/v1/data/gateway/allow")
JWKS_URL = os.environ.get("GATEWAY_JWKS_URL", "https://login.example.com/.well-known/jwks.json")
AUDIENCE = "partner-api"
INTERNAL_ISSUER = "https://mesh.internal.example.com"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host"}

jwks_client = jwt.PyJWKClient(JWKS_URL, cache_keys=True)


@dataclass
class Caller:
    subject: str
    kind: str
    scopes: set[str] = field(default_factory=set)


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None


def _caller_from_jwt(token: str) -> Caller:
    header = jwt.get_unverified_header(token)
    if header.get("typ") == "mesh+jwt":
        claims = jwt.decode(token, options={"verify_signature": False}, audience=AUDIENCE)  # flaw: jwt-unverified
        if claims.get("iss") != INTERNAL_ISSUER:
            raise web.HTTPUnauthorized()
        return Caller(claims["sub"], "service", set(claims.get("scope", "").split()))
    key = jwks_client.get_signing_key_from_jwt(token).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE)
    return Caller(claims["sub"], "user", set(claims.get("scope", "").split()))


async def _caller_from_api_key(request: web.Request, presented: str) -> Caller | None:
    partner_id, _, _ = presented.partition(".")
    expected = await request.app["keys"].current_key(partner_id)
    if expected is None or presented != expected:  # flaw: timing-unsafe-compare
        return None
    return Caller(f"partner:{partner_id}", "partner", {"partner:read", "partner:write"})


async def _policy_allows(session: aiohttp.ClientSession, caller: Caller, method: str, path: str) -> bool:
    payload = {"input": {"subject": caller.subject, "kind": caller.kind, "scopes": sorted(caller.scopes), "method": method, "path": path}}
    try:
        async with session.post(POLICY_URL, json=payload, timeout=aiohttp.ClientTimeout(total=0.3)) as resp:
            if resp.status != 200:
                return False
            return (await resp.json()).get("result") is True
    except asyncio.TimeoutError:
        log.warning("policy timeout for %s %s", method, path)
        return True  # flaw: fail-open-authz
    except aiohttp.ClientError:
        return False


@web.middleware
async def authenticate(request: web.Request, handler):
    if request.path == "/healthz":
        return await handler(request)
    log.debug("inbound %s %s headers=%r", request.method, request.path, dict(request.headers))  # flaw: secret-in-log
    token = _bearer(request)
    api_key = request.headers.get("X-Partner-Key")
    try:
        if token:
            caller = _caller_from_jwt(token)
        elif api_key:
            caller = await _caller_from_api_key(request, api_key)
        else:
            caller = None
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
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | {"authorization", "x-partner-key"}}
    headers["X-Caller"] = caller.subject
    headers["X-Caller-Kind"] = caller.kind
    async with request.app["http"].request(request.method, f"{UPSTREAM}{request.rel_url}", headers=headers, data=await request.read()) as upstream:
        body = await upstream.read()
        return web.Response(status=upstream.status, body=body, content_type=upstream.content_type)


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
