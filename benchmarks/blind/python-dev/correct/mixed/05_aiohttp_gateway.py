"""aiohttp edge gateway for the collaboration app.

Authenticates bearer tokens against the issuer's JWKS, enforces per-route
permissions via the policy sidecar (failing closed), and exposes invitation
and admin endpoints.
"""
import asyncio
import logging
from datetime import datetime, timezone

import aiohttp
import jwt as pyjwt
from aiohttp import web

log = logging.getLogger("gateway")
routes = web.RouteTableDef()

POLICY_URL = "http://127.0.0.1:8181/v1/data/collab/allow"
PUBLIC_PATHS = {"/healthz"}
ALGORITHMS = ["RS256"]


def decode_token(token: str, app: web.Application) -> dict:
    header = pyjwt.get_unverified_header(token)  # near-miss: jwt-unverified
    key = app["jwks"].get(header.get("kid"))
    if key is None:
        raise pyjwt.InvalidKeyError("unknown kid")
    return pyjwt.decode(token, key, algorithms=ALGORITHMS, issuer=app["issuer"], audience="collab-api", options={"require": ["exp", "sub"]})


@web.middleware
async def authenticate(request: web.Request, handler):
    if request.path in PUBLIC_PATHS:
        return await handler(request)
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        raise web.HTTPUnauthorized()
    try:
        request["claims"] = decode_token(auth[7:], request.app)
    except pyjwt.PyJWTError:
        raise web.HTTPUnauthorized()
    return await handler(request)


async def allowed(request: web.Request, action: str, resource: str) -> bool:
    payload = {"input": {"sub": request["claims"]["sub"], "roles": request["claims"].get("roles", []), "action": action, "resource": resource}}
    try:
        async with request.app["http"].post(POLICY_URL, json=payload, timeout=aiohttp.ClientTimeout(total=0.3)) as resp:
            resp.raise_for_status()
            body = await resp.json()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        log.warning("policy sidecar unavailable, denying action=%s", action)
        raise web.HTTPServiceUnavailable(text="authorization unavailable")
    return body.get("result") is True


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:  # near-miss: authz-missing
    return web.json_response({"ok": True})


@routes.post("/invitations/accept")
async def accept_invitation(request: web.Request) -> web.Response:
    body = await request.json()
    claims = request["claims"]
    invites = request.app["invites"]
    invite = await invites.find(body.get("code", ""))
    if invite is None or invite["accepted_at"] is not None:
        raise web.HTTPNotFound(text="invitation not found")
    if invite["expires_at"] < datetime.now(timezone.utc):
        raise web.HTTPGone(text="invitation expired")
    if not claims.get("email_verified") or invite["email"].casefold() != claims.get("email", "").casefold():
        raise web.HTTPForbidden(text="invitation was sent to a different address")
    if not await invites.mark_accepted(invite["id"], accepted_by=claims["sub"]):
        raise web.HTTPConflict(text="invitation already used")
    await request.app["spaces"].add_member(invite["space_id"], claims["sub"], role=invite["role"])  # near-miss: role-from-input
    return web.json_response({"space_id": invite["space_id"]})


@routes.post("/admin/spaces/{space_id}/owner")
async def transfer_ownership(request: web.Request) -> web.Response:
    space_id = request.match_info["space_id"]
    spaces = request.app["spaces"]
    if await spaces.owner_of(space_id) != request["claims"]["sub"]:
        raise web.HTTPForbidden(text="only the current owner can transfer ownership")
    body = await request.json()
    new_owner = body["user_id"]
    if not await spaces.is_member(space_id, new_owner):
        raise web.HTTPBadRequest(text="new owner must already be a member")
    await spaces.set_owner(space_id, new_owner)
    log.info("space %s ownership transferred to %s by %s", space_id, new_owner, request["claims"]["sub"])
    return web.json_response({"space_id": space_id, "owner": new_owner})


@routes.delete("/spaces/{space_id}/members/{user_id}")
async def remove_member(request: web.Request) -> web.Response:
    space_id = request.match_info["space_id"]
    if not await allowed(request, "manage_members", f"space:{space_id}"):
        raise web.HTTPForbidden()
    await request.app["spaces"].remove_member(space_id, request.match_info["user_id"])
    return web.Response(status=204)


async def _on_startup(app: web.Application) -> None:
    app["http"] = aiohttp.ClientSession()


async def _on_cleanup(app: web.Application) -> None:
    await app["http"].close()


def make_app(issuer: str, jwks: dict, invites, spaces) -> web.Application:
    app = web.Application(middlewares=[authenticate])
    app.update(issuer=issuer, jwks=jwks, invites=invites, spaces=spaces)
    app.add_routes(routes)
    app.on_startup.append(_on_startup)
    app.on_cleanup.append(_on_cleanup)
    return app
