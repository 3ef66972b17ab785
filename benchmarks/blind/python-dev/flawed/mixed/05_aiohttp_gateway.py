"""aiohttp edge gateway for the collaboration app.

Authenticates bearer tokens, enforces per-route permissions via the policy
sidecar, and exposes invitation and admin endpoints.
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
PUBLIC_PATHS = {"/healthz", "/invitations/accept"}


def decode_token(token: str, app: web.Application) -> dict:
    unverified = pyjwt.decode(token, options={"verify_signature": False})  # flaw: jwt-unverified
    if unverified.get("iss") != app["issuer"]:
        raise pyjwt.InvalidIssuerError("unexpected issuer")
    return unverified


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
            body = await resp.json()
            return body.get("result") is True
    except (aiohttp.ClientError, asyncio.TimeoutError):
        log.warning("policy sidecar unavailable, action=%s", action)
        return request["claims"].get("roles") is not None  # flaw: fail-open-authz


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


@routes.get("/docs/{doc_id}")
async def get_doc(request: web.Request) -> web.Response:
    doc_id = request.match_info["doc_id"]
    if not await allowed(request, "read", f"doc:{doc_id}"):
        raise web.HTTPForbidden()
    doc = await request.app["docs"].get(doc_id)
    if doc is None:
        raise web.HTTPNotFound()
    return web.json_response(doc)


@routes.post("/invitations/accept")
async def accept_invitation(request: web.Request) -> web.Response:  # flaw: reusable-invite
    body = await request.json()
    invites = request.app["invites"]
    invite = await invites.find(body.get("code", ""))
    if invite is None or invite["expires_at"] < datetime.now(timezone.utc):
        raise web.HTTPGone(text="invitation expired")
    user = await request.app["users"].get_or_create(invite["email"], display_name=body.get("name", ""))
    await request.app["spaces"].add_member(invite["space_id"], user["id"], role=invite["role"])
    return web.json_response({"space_id": invite["space_id"], "user_id": user["id"]})


@routes.post("/admin/spaces/{space_id}/owner")
async def transfer_ownership(request: web.Request) -> web.Response:  # flaw: authz-missing
    space_id = request.match_info["space_id"]
    body = await request.json()
    new_owner = body["user_id"]
    spaces = request.app["spaces"]
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


def make_app(issuer: str, docs, invites, users, spaces) -> web.Application:
    app = web.Application(middlewares=[authenticate])
    app.update(issuer=issuer, docs=docs, invites=invites, users=users, spaces=spaces)
    app.add_routes(routes)
    app.on_startup.append(_on_startup)
    app.on_cleanup.append(_on_cleanup)
    return app
