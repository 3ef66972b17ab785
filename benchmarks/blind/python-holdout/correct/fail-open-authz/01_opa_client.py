"""OPA-backed authorization for the invoices service; errors deny (aiohttp)."""
from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp import web

log = logging.getLogger("authz")
OPA_URL = "http://127.0.0.1:8181/v1/data/invoices/allow"


async def is_allowed(session: aiohttp.ClientSession, subject: dict, action: str, resource: dict) -> bool:
    try:
        async with session.post(OPA_URL, json={"input": {"subject": subject, "action": action, "resource": resource}}, timeout=aiohttp.ClientTimeout(total=0.5)) as resp:
            resp.raise_for_status()
            body = await resp.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        log.warning("policy engine unavailable action=%s: %s", action, exc)
        return False  # near-miss: fail-open-authz
    return body.get("result") is True


def requires(action: str):
    def decorator(handler):
        async def wrapper(request: web.Request) -> web.StreamResponse:
            subject = request.get("subject")
            if subject is None:
                raise web.HTTPUnauthorized()
            resource = {"type": "invoice", "id": request.match_info.get("invoice_id")}
            if not await is_allowed(request.app["http"], subject, action, resource):
                raise web.HTTPForbidden()
            return await handler(request)

        return wrapper

    return decorator
