"""Security of the streamable HTTP transport: where it may listen, who may call it.

- Loopback (127.0.0.1, ::1, localhost) is the default and needs no token:
  only processes on this machine can reach it.
- Any other address requires a bearer token (environment `IDGUARD_HTTP_TOKEN`
  or `--token-file`), compared in constant time; without one the server
  refuses to start.
- DNS-rebinding protection is always on: the Host header must name this
  server (the loopback names, the bound address, or `IDGUARD_HTTP_ALLOWED_HOSTS`
  for the names a load balancer forwards), and a browser Origin must match.

`cli/serve.py` calls `http_security(host, port, token)` and wraps the ASGI app in
the returned middleware factory.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mcp.server.transport_security import TransportSecuritySettings

from .team import TeamConfig

TOKEN_ENV = "IDGUARD_HTTP_TOKEN"
ALLOWED_HOSTS_ENV = "IDGUARD_HTTP_ALLOWED_HOSTS"
MIN_TOKEN_CHARS = 32
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
TOKEN_SCOPE_KEY = "idguard.token"  # the team server's ASGI scope key for the token a request presented

ASGIApp = Callable[..., Any]


class HttpSecurityError(Exception):
    """The HTTP transport would be unsafe as configured (message says how to fix it)."""


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_token(token_file: str | None) -> str | None:
    """The bearer token from `--token-file`, else from `IDGUARD_HTTP_TOKEN`, else None."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise HttpSecurityError(f"--token-file {token_file}: cannot read ({type(exc).__name__})") from None
        source = f"--token-file {token_file}"
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            return None
        source = TOKEN_ENV
    if len(token) < MIN_TOKEN_CHARS or any(c.isspace() for c in token):
        raise HttpSecurityError(
            f"{source}: the bearer token must be at least {MIN_TOKEN_CHARS} characters without spaces "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    return token


class BearerTokenMiddleware:
    """ASGI middleware: every HTTP request needs `Authorization: Bearer <token>` (constant-time compare)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":  # lifespan events carry no credentials
            await self.app(scope, receive, send)
            return
        presented = b""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                presented = value
                break
        if hmac.compare_digest(presented, self.expected):
            await self.app(scope, receive, send)
            return
        await _unauthorized(send)


class TeamTokenMiddleware:
    """ASGI middleware of the team server: the bearer token must be one of team.toml's (compared by SHA-256 in
    constant time); the request then carries that token's identity (`TOKEN_SCOPE_KEY`) for the actor."""

    def __init__(self, app: ASGIApp, config: TeamConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        presented = b""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                presented = value
                break
        token = None
        if presented[:7].lower() == b"bearer ":
            token = self.config.identify(presented[7:].decode("latin-1").strip())
        if token is None:
            await _unauthorized(send)
            return
        await self.app({**scope, TOKEN_SCOPE_KEY: token}, receive, send)


async def _unauthorized(send: Callable) -> None:
    body = json.dumps({"error": "unauthorized", "error_description": "missing or invalid bearer token"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="idguard"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def allowed_hosts(host: str, port: int) -> list[str]:
    names = list(LOOPBACK_NAMES)
    bound = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    unspecified = host.strip("[]") in ("0.0.0.0", "::")
    if not unspecified and bound not in names:
        names.append(bound)
    extra = [h.strip() for h in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",") if h.strip()]
    hosts = [f"{name}:{port}" for name in names]
    for name in extra:
        # Behind a proxy on the scheme's default port the Host header carries no port.
        hosts.extend([name] if re.search(r":\d+$", name) else [name, f"{name}:{port}"])
    return hosts


def http_security(
    host: str, port: int, token: str | None, team: TeamConfig | None = None
) -> tuple[TransportSecuritySettings, Callable[[ASGIApp], ASGIApp]]:
    """Transport-security settings and an app wrapper for serving on `host:port`.

    Raises HttpSecurityError for a non-loopback address without a token.
    """
    if team is not None and token is not None:
        raise HttpSecurityError("the team server takes its tokens from team.toml: drop --token-file/" + TOKEN_ENV)
    if token is None and team is None and not is_loopback(host):
        raise HttpSecurityError(
            f"refusing to bind {host}: serving beyond loopback needs bearer-token auth ({TOKEN_ENV} or --token-file)"
        )
    hosts = allowed_hosts(host, port)
    settings = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=hosts,
        allowed_origins=[f"{scheme}://{h}" for h in hosts for scheme in ("http", "https")],
    )
    if team is not None:  # every request, loopback included, names its token: the actor is its identity
        return settings, lambda app: TeamTokenMiddleware(app, team)
    if token is None:
        return settings, lambda app: app
    return settings, lambda app: BearerTokenMiddleware(app, token)
