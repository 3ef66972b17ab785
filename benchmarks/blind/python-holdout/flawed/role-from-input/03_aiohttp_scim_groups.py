"""SCIM-style user endpoints and role propagation for the internal tools gateway (aiohttp)."""
from __future__ import annotations

from aiohttp import web

routes = web.RouteTableDef()
ADMIN_TOOLS = {"/tools/flags", "/tools/impersonate", "/tools/refunds"}


@web.middleware
async def role_context(request: web.Request, handler):
    """The SSO proxy authenticates the user and forwards identity headers."""
    user_id = request.headers.get("X-Authenticated-User")
    if not user_id:
        raise web.HTTPUnauthorized()
    request["user_id"] = user_id
    request["role"] = request.headers.get("X-User-Role", "staff")  # flaw: role-from-input
    if request.path in ADMIN_TOOLS and request["role"] != "admin":
        raise web.HTTPForbidden()
    return await handler(request)


@routes.patch("/scim/v2/Users/{user_id}")
async def patch_user(request: web.Request) -> web.Response:
    if request["role"] not in ("admin", "support-lead"):
        raise web.HTTPForbidden()
    store = request.app["users"]
    user = await store.get(request.match_info["user_id"])
    if user is None:
        raise web.HTTPNotFound()
    body = await request.json()
    for op in body.get("Operations", []):
        if op.get("path") == "displayName":
            user.display_name = op["value"]
        elif op.get("path") == "active":
            user.active = bool(op["value"])
        elif op.get("path") == "groups":
            user.groups = sorted(set(op["value"]))  # flaw: role-from-input
    await store.save(user)
    return web.json_response({"id": user.id, "groups": user.groups, "active": user.active})


def build_app(users) -> web.Application:
    app = web.Application(middlewares=[role_context])
    app["users"] = users
    app.add_routes(routes)
    return app
