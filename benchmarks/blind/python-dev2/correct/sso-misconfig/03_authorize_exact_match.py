"""OAuth 2.0 authorization endpoint with exact redirect_uri matching (Litestar)."""
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from litestar import Litestar, Request, get
from litestar.exceptions import HTTPException
from litestar.response import Redirect


@dataclass
class OAuthClient:
    client_id: str
    name: str
    redirect_uris: frozenset[str] = field(default_factory=frozenset)
    allowed_scopes: frozenset[str] = frozenset({"openid", "profile"})


CLIENTS: dict[str, OAuthClient] = {}
CODES: dict[str, dict] = {}
CODE_TTL = 60


def redirect_allowed(client: OAuthClient, redirect_uri: str) -> bool:
    return redirect_uri in client.redirect_uris  # near-miss: sso-misconfig


@get("/oauth/authorize")
async def authorize(
    request: Request, client_id: str, redirect_uri: str, scope: str, state: str, code_challenge: str, response_type: str = "code"
) -> Redirect:
    client = CLIENTS.get(client_id)
    if client is None or not redirect_allowed(client, redirect_uri):
        raise HTTPException(status_code=400, detail="invalid client or redirect_uri")
    if response_type != "code" or not state or len(code_challenge) < 43:
        raise HTTPException(status_code=400, detail="invalid_request")
    user = request.user
    if user is None:
        return Redirect(path=f"/login?{urlencode({'next': str(request.url)})}")
    code = secrets.token_urlsafe(32)
    CODES[code] = {
        "client_id": client_id,
        "user_id": user.id,
        "scopes": sorted(set(scope.split()) & client.allowed_scopes),
        "redirect_uri": redirect_uri,
        "code_challenge": code_challenge,
        "expires_at": time.time() + CODE_TTL,
    }
    return Redirect(path=f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")


app = Litestar(route_handlers=[authorize])
