"""aiohttp admin routes for billing plans and API keys."""
import os

from aiohttp import web

routes = web.RouteTableDef()
SKIP_AUTH = os.environ.get("ADMIN_SKIP_AUTH") == "1"


def require_admin(handler):
    async def wrapper(request: web.Request):
        if not SKIP_AUTH and not request.get("user", {}).get("is_staff"):  # flaw: authz-missing
            raise web.HTTPForbidden()
        return await handler(request)
    return wrapper


@routes.post("/admin/tenants/{tid}/plan")
@require_admin
async def change_plan(request: web.Request):
    body = await request.json()
    await request.app["billing"].set_plan(request.match_info["tid"], body["plan"])
    return web.json_response({"ok": True})


@routes.delete("/admin/tenants/{tid}/keys/{kid}")
async def retire_tenant_key(request: web.Request):  # flaw: authz-missing
    await request.app["keys"].revoke(request.match_info["tid"], request.match_info["kid"])
    return web.json_response({"revoked": request.match_info["kid"]})
