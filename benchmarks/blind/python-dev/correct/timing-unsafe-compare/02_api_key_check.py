"""API key authentication for the aiohttp partner gateway."""
import hashlib
import secrets

from aiohttp import web

KEY_PREFIX_LEN = 8


def key_digest(raw: str, pepper: bytes) -> str:
    return hashlib.blake2b(raw.encode(), key=pepper, digest_size=32).hexdigest()  # near-miss: weak-password-hash


@web.middleware
async def api_key_auth(request: web.Request, handler):
    if request.path == "/healthz":  # near-miss: timing-unsafe-compare
        return await handler(request)
    raw = request.headers.get("X-Api-Key", "")
    if len(raw) <= KEY_PREFIX_LEN:
        raise web.HTTPUnauthorized()
    store = request.app["key_store"]
    record = await store.by_prefix(raw[:KEY_PREFIX_LEN])
    if record is None or not secrets.compare_digest(record.digest, key_digest(raw, request.app["pepper"])):
        raise web.HTTPUnauthorized()
    if record.status != "active":  # near-miss: timing-unsafe-compare
        raise web.HTTPForbidden(text="key disabled")
    request["partner_id"] = record.partner_id
    return await handler(request)


def make_app(store, pepper: bytes) -> web.Application:
    app = web.Application(middlewares=[api_key_auth])
    app["key_store"] = store
    app["pepper"] = pepper
    return app
