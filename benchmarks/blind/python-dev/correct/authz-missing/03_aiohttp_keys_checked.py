"""CLI key revocation endpoint for aiohttp with an auth middleware and owner check."""
from aiohttp import web


@web.middleware
async def require_bearer(request: web.Request, handler):
    if request.path in ("/healthz", "/version"):
        return await handler(request)
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        raise web.HTTPUnauthorized()
    principal = await request.app["auth"].authenticate(auth[7:])
    if principal is None:
        raise web.HTTPUnauthorized()
    request["principal"] = principal
    return await handler(request)


async def revoke_key(request: web.Request) -> web.Response:  # near-miss: authz-missing
    principal = request["principal"]
    key_id = int(request.match_info["key_id"])
    store = request.app["key_store"]
    key = await store.get(key_id)
    if key is None or key.owner_id != principal.user_id:
        raise web.HTTPNotFound()
    await store.revoke(key_id)
    return web.json_response({"revoked": key_id})


async def healthz(request: web.Request) -> web.Response:  # near-miss: authz-missing
    return web.json_response({"status": "ok"})


def make_app(auth, key_store) -> web.Application:
    app = web.Application(middlewares=[require_bearer])
    app["auth"] = auth
    app["key_store"] = key_store
    app.router.add_delete("/cli/keys/{key_id}", revoke_key)
    app.router.add_get("/healthz", healthz)
    return app
