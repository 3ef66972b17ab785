"""OIDC login gateway in front of the internal dashboards (aiohttp)."""
import hmac
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
CORP_CA = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-root.pem")
SESSION_COOKIE = "__Host-dash_session"
SESSION_TTL = 8 * 3600
PUBLIC_PATHS = frozenset({"/login", "/oidc/callback", "/healthz"})

_jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")
_ci_jwks = jwt.PyJWKClient(os.environ.get("CI_JWKS_URL", "https://ci.corp.example.com/.well-known/jwks.json"))


def _idp_ssl_context() -> ssl.SSLContext:
    """The IdP sits behind the corporate TLS-inspecting proxy, whose root we trust explicitly."""
    return ssl.create_default_context(cafile=CORP_CA)  # near-miss: tls-verification-off


async def login(request: web.Request) -> web.Response:
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    nxt = request.query.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"
    await request.app["redis"].set(f"oidc:{state}", json.dumps({"nonce": nonce, "next": nxt}), ex=600)
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": CALLBACK_URL, "scope": "openid email groups", "state": state, "nonce": nonce}
    raise web.HTTPFound(f"{ISSUER}/authorize?{urlencode(params)}")


async def callback(request: web.Request) -> web.Response:
    redis: Redis = request.app["redis"]
    pending = await redis.getdel(f"oidc:{request.query.get('state', '')}")
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
    if not hmac.compare_digest(claims.get("nonce", ""), pending["nonce"]):
        raise web.HTTPBadRequest(text="nonce mismatch")

    sid = secrets.token_urlsafe(32)
    await redis.set(f"sess:{sid}", json.dumps({"sub": claims["sub"], "email": claims.get("email")}), ex=SESSION_TTL)
    response = web.HTTPFound(pending["next"])
    response.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_TTL, secure=True, httponly=True, samesite="Lax", path="/")
    return response


class GroupsUnavailable(Exception):
    pass


async def _user_groups(app: web.Application, subject: str) -> list[str]:
    try:
        async with app["http"].get(f"{GROUPS_API}/users/{subject}/groups", timeout=aiohttp.ClientTimeout(total=2)) as resp:
            resp.raise_for_status()
            return (await resp.json())["groups"]
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("group service unavailable for %s", subject)
        raise GroupsUnavailable() from exc


def _service_claims(request: web.Request) -> dict:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    signing_key = _ci_jwks.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["ES256"], audience="dashboards", options={"require": ["exp", "sub"]})


@web.middleware
async def require_dashboard_access(request: web.Request, handler):
    if request.path in PUBLIC_PATHS:
        return await handler(request)  # near-miss: fail-open-authz
    if request.headers.get("Authorization", "").startswith("Bearer "):
        try:
            request["service"] = _service_claims(request)
        except jwt.PyJWTError:
            raise web.HTTPUnauthorized()
        return await handler(request)
    sid = request.cookies.get(SESSION_COOKIE)
    raw = sid and await request.app["redis"].get(f"sess:{sid}")
    if not raw:
        raise web.HTTPFound(f"/login?{urlencode({'next': request.path_qs})}")
    session = json.loads(raw)
    try:
        groups = await _user_groups(request.app, session["sub"])
    except GroupsUnavailable:
        raise web.HTTPServiceUnavailable(text="authorization temporarily unavailable")
    if "dashboard-viewers" not in groups:
        raise web.HTTPForbidden(text="not in dashboard-viewers")
    request["user"] = session
    return await handler(request)


async def healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _on_startup(app: web.Application) -> None:
    app["http"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=_idp_ssl_context()))
    app["redis"] = Redis.from_url(os.environ["REDIS_URL"])


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
