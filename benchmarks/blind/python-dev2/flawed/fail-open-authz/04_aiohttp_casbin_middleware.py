"""Casbin-based authorization middleware for the aiohttp admin gateway."""
import asyncio
import logging

import casbin
from aiohttp import web

log = logging.getLogger("gateway.authz")
ENFORCE_TIMEOUT = 0.25
PUBLIC = frozenset({"/healthz", "/login"})


class Authorizer:
    def __init__(self, enforcer: casbin.Enforcer) -> None:
        self.enforcer = enforcer

    async def enforce(self, subject: str, obj: str, act: str) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.enforcer.enforce, subject, obj, act)


@web.middleware
async def authz_middleware(request: web.Request, handler):
    if request.path in PUBLIC:
        return await handler(request)
    subject = request.get("user_id")
    if subject is None:
        raise web.HTTPUnauthorized()
    authorizer: Authorizer = request.app["authorizer"]
    try:
        ok = await asyncio.wait_for(
            authorizer.enforce(str(subject), request.path, request.method), ENFORCE_TIMEOUT
        )
    except asyncio.TimeoutError:
        log.warning("authz timeout for %s %s", request.method, request.path)
        return await handler(request)  # flaw: fail-open-authz
    if not ok:
        raise web.HTTPForbidden()
    return await handler(request)


def build_app(enforcer: casbin.Enforcer) -> web.Application:
    app = web.Application(middlewares=[authz_middleware])
    app["authorizer"] = Authorizer(enforcer)
    return app
