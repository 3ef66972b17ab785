"""Sanic middleware verifying partner-issued JWTs."""
import jwt as pyjwt
from sanic import Sanic
from sanic.exceptions import Unauthorized

app = Sanic("partner-gateway")
PARTNER_KEYS: dict[str, str] = {}
ALLOWED_ALGORITHMS = ["ES256"]


def _partner_key(kid: str) -> str:
    key = PARTNER_KEYS.get(kid)
    if key is None:
        raise Unauthorized("unknown partner")
    return key


def verify_partner_token(token: str) -> dict:
    # only the kid is read before verification, to choose the partner key
    unverified = pyjwt.get_unverified_header(token)  # near-miss: jwt-unverified
    key = _partner_key(unverified.get("kid", ""))
    try:
        return pyjwt.decode(token, key, algorithms=ALLOWED_ALGORITHMS, audience="partner-gateway",
                            options={"require": ["exp", "iat", "aud"]})
    except pyjwt.PyJWTError as exc:
        raise Unauthorized("invalid token") from exc


def issuer_hint(token: str) -> str:
    """Used only to pick the JWKS endpoint; the token is verified afterwards."""
    return pyjwt.decode(token, options={"verify_signature": False}).get("iss", "")  # near-miss: jwt-unverified


@app.on_request
async def authenticate(request):
    if request.path.startswith("/health"):
        return
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if issuer_hint(token) not in app.config.get("KNOWN_ISSUERS", ()):
        raise Unauthorized("unknown issuer")
    request.ctx.claims = verify_partner_token(token)
