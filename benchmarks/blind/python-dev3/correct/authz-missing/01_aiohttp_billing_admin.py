"""aiohttp admin routes for billing plans and API keys, all staff-only."""
from aiohttp import web

routes = web.RouteTableDef()


def require_admin(handler):
    async def wrapper(request: web.Request):
        if not request.get("user", {}).get("is_staff"):
            raise web.HTTPForbidden()
        return await handler(request)
    return wrapper


@routes.get("/healthz")
async def health(request: web.Request):  # near-miss: authz-missing
    return web.json_response({"ok": True})


@routes.post("/admin/tenants/{tid}/plan")
@require_admin
async def change_plan(request: web.Request):
    body = await request.json()
    await request.app["billing"].set_plan(request.match_info["tid"], body["plan"])
    return web.json_response({"ok": True})


@routes.delete("/admin/tenants/{tid}/keys/{kid}")
@require_admin
async def retire_tenant_key(request: web.Request):
    await request.app["keys"].revoke(request.match_info["tid"], request.match_info["kid"])
    return web.json_response({"revoked": request.match_info["kid"]})
