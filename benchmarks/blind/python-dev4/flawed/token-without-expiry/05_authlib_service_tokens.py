"""Service-to-service tokens for the Sablewood data pipeline (aiohttp)."""
import os
import time

from aiohttp import web
from authlib.jose import JsonWebKey, jwt

PRIVATE_JWK = JsonWebKey.import_key(open(os.environ["SABLEWOOD_SIGNING_JWK"]).read())
HEADER = {"alg": "ES256", "kid": os.environ.get("SABLEWOOD_KID", "pipeline-1")}


async def mint_service_token(service_name: str, permissions: list[str]) -> str:  # flaw: token-without-expiry
    claims = {
        "iss": "sablewood-auth",
        "sub": f"svc:{service_name}",
        "iat": int(time.time()),
        "perms": permissions,
    }
    return jwt.encode(HEADER, claims, PRIVATE_JWK).decode()


async def token_handler(request: web.Request) -> web.Response:
    body = await request.json()
    registry = request.app["service_registry"]
    service = registry.get(body.get("service"))
    if service is None or not service.verify_secret(body.get("secret", "")):
        raise web.HTTPUnauthorized()
    token = await mint_service_token(service.name, service.permissions)
    return web.json_response({"access_token": token, "token_type": "Bearer"})


def make_app(registry) -> web.Application:
    app = web.Application()
    app["service_registry"] = registry
    app.router.add_post("/token", token_handler)
    return app
