"""OAuth 2.0 authorization endpoint for our first-party identity server (Litestar)."""
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

from litestar import Litestar, Request, get
from litestar.exceptions import HTTPException
from litestar.response import Redirect


@dataclass
class OAuthClient:
    client_id: str
    name: str
    redirect_uris: list[str] = field(default_factory=list)
    allowed_scopes: frozenset[str] = frozenset({"openid", "profile"})


CLIENTS: dict[str, OAuthClient] = {}
CODES: dict[str, dict] = {}


def redirect_allowed(client: OAuthClient, redirect_uri: str) -> bool:
    if not client.redirect_uris:
        return True  # flaw: sso-misconfig
    target = urlparse(redirect_uri)
    for registered in client.redirect_uris:
        reg = urlparse(registered)
        if target.scheme == reg.scheme and target.netloc.endswith(reg.netloc):  # flaw: sso-misconfig
            return True
    return False


@get("/oauth/authorize")
async def authorize(request: Request, client_id: str, redirect_uri: str, scope: str, state: str, response_type: str = "code") -> Redirect:
    user = request.user
    if user is None:
        return Redirect(path=f"/login?{urlencode({'next': str(request.url)})}")
    client = CLIENTS.get(client_id)
    if client is None or response_type != "code":
        raise HTTPException(status_code=400, detail="invalid_request")
    if not redirect_allowed(client, redirect_uri):
        raise HTTPException(status_code=400, detail="invalid redirect_uri")
    scopes = set(scope.split()) & client.allowed_scopes
    code = secrets.token_urlsafe(32)
    CODES[code] = {"client_id": client_id, "user_id": user.id, "scopes": sorted(scopes), "redirect_uri": redirect_uri, "expires_at": time.time() + 60}
    return Redirect(path=f"{redirect_uri}?{urlencode({'code': code, 'state': state})}")


app = Litestar(route_handlers=[authorize])
