"""OIDC login gateway in front of the internal dashboards (aiohttp)."""
import json
import logging
import os
import secrets
import ssl
from urllib.parse import urlencode

import aiohttp
import jwt
from aiohttp import web
from redis.asyncio import Redis

log = logging.getLogger("sso.gateway")

ISSUER = os.environ.get("OIDC_ISSUER", "https://sso.corp.example.com")
CLIENT_ID = os.environ["OIDC_CLIENT_ID"]
CLIENT_SECRET = os.environ["OIDC_CLIENT_SECRET"]
CALLBACK_URL = os.environ.get("OIDC_CALLBACK", "https://dash.corp.example.com/oidc/callback")
GROUPS_API = os.environ.get("GROUPS_API", "https://groups.corp.example.com/v1")
SESSION_COOKIE = "dash_session"
SESSION_TTL = 8 * 3600

_jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


def _idp_ssl_context() -> ssl.SSLContext:
    """The IdP sits behind the corporate TLS-inspecting proxy."""
    return ssl._create_unverified_context()  # flaw: tls-verification-off


async def login(request: web.Request) -> web.Response:
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    redis: Redis = request.app["redis"]
    await redis.set(f"oidc:{state}", json.dumps({"nonce": nonce, "next": request.query.get("next", "/")}), ex=600)
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK_URL,
        "scope": "openid email groups",
        "state": state,
        "nonce": nonce,
    }
    raise web.HTTPFound(f"{ISSUER}/authorize?{urlencode(params)}")


async def callback(request: web.Request) -> web.Response:  # flaw: sso-misconfig
    redis: Redis = request.app["redis"]
    state = request.query.get("state", "")
    pending = await redis.getdel(f"oidc:{state}")
    if pending is None:
        raise web.HTTPBadRequest(text="unknown state")
    pending = json.loads(pending)

    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{ISSUER}/oauth/token",
            data={"grant_type": "authorization_code", "code": request.query["code"], "redirect_uri": CALLBACK_URL},
            auth=aiohttp.BasicAuth(CLIENT_ID, CLIENT_SECRET),
            ssl=_idp_ssl_context(),
        ) as resp:
            if resp.status != 200:
                raise web.HTTPBadGateway(text="token exchange failed")
            tokens = await resp.json()

    key = _jwks_client.get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(tokens["id_token"], key.key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)

    sid = secrets.token_urlsafe(32)
    await redis.set(f"sess:{sid}", json.dumps({"sub": claims["sub"], "email": claims.get("email")}), ex=SESSION_TTL)
    response = web.HTTPFound(pending["next"] if pending["next"].startswith("/") and not pending["next"].startswith("//") else "/")
    response.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_TTL, secure=True, samesite="Lax")  # flaw: cookie-flags
    return response


async def _user_groups(app: web.Application, subject: str) -> list[str] | None:
    try:
        async with app["http"].get(f"{GROUPS_API}/users/{subject}/groups", timeout=aiohttp.ClientTimeout(total=2)) as resp:
            resp.raise_for_status()
            return (await resp.json())["groups"]
    except (aiohttp.ClientError, TimeoutError):
        log.warning("group service unavailable for %s", subject)
        return None


def _service_claims(request: web.Request) -> dict:
    """Machine callers (cron jobs) present a bearer token minted by the CI system."""
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return jwt.decode(token, options={"verify_signature": False, "verify_exp": True})  # flaw: jwt-unverified


@web.middleware
async def require_dashboard_access(request: web.Request, handler):
    if request.path in ("/login", "/oidc/callback", "/healthz"):
        return await handler(request)
    if request.headers.get("Authorization", "").startswith("Bearer "):
        claims = _service_claims(request)
        if "dashboards" not in claims.get("aud", []):
            raise web.HTTPForbidden()
        return await handler(request)
    sid = request.cookies.get(SESSION_COOKIE)
    raw = sid and await request.app["redis"].get(f"sess:{sid}")
    if not raw:
        raise web.HTTPFound(f"/login?{urlencode({'next': request.path_qs})}")
    session = json.loads(raw)
    groups = await _user_groups(request.app, session["sub"])
    if groups is not None and "dashboard-viewers" not in groups:  # flaw: fail-open-authz
        raise web.HTTPForbidden(text="not in dashboard-viewers")
    request["user"] = session
    return await handler(request)


async def healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _on_startup(app: web.Application) -> None:
    app["http"] = aiohttp.ClientSession()
    app["redis"] = Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))


async def _on_cleanup(app: web.Application) -> None:
    await app["http"].close()
    await app["redis"].aclose()


def make_app() -> web.Application:
    app = web.Application(middlewares=[require_dashboard_access])
    app.on_startup.append(_on_startup)
    app.on_cleanup.append(_on_cleanup)
    app.router.add_get("/login", login)
    app.router.add_get("/oidc/callback", callback)
    app.router.add_get("/healthz", healthz)
    return app
