"""Sanic middleware verifying partner-issued JWTs."""
import jwt as pyjwt
from sanic import Sanic
from sanic.exceptions import Unauthorized

app = Sanic("partner-gateway")
PARTNER_KEYS: dict[str, str] = {}


def _partner_key(kid: str) -> str:
    key = PARTNER_KEYS.get(kid)
    if key is None:
        raise Unauthorized("unknown partner")
    return key


def verify_partner_token(token: str) -> dict:
    header = pyjwt.get_unverified_header(token)
    key = _partner_key(header.get("kid", ""))
    return pyjwt.decode(token, key, algorithms=[header["alg"]], audience="partner-gateway")  # flaw: jwt-unverified


def peek_tenant(token: str) -> str:
    claims = pyjwt.decode(token, options={"verify_signature": False})  # flaw: jwt-unverified
    return claims["tenant"]


@app.on_request
async def authenticate(request):
    if request.path.startswith("/health"):
        return
    auth = request.headers.get("authorization", "")
    token = auth.removeprefix("Bearer ").strip()
    request.ctx.tenant = peek_tenant(token)
    if request.ctx.tenant in app.config.get("TRUSTED_TENANTS", ()):
        request.ctx.claims = {"tenant": request.ctx.tenant}
        return
    request.ctx.claims = verify_partner_token(token)
