"""Token introspection and user-info clients used by the API gateway."""
from __future__ import annotations

import json
import os

import httpx
import urllib3

INTROSPECT_URL = os.environ.get("IDP_INTROSPECT_URL", "https://idp.internal.example.com/oauth2/introspect")
USERINFO_URL = os.environ.get("IDP_USERINFO_URL", "https://idp.internal.example.com/userinfo")
CLIENT_ID = os.environ["GATEWAY_CLIENT_ID"]
CLIENT_SECRET = os.environ["GATEWAY_CLIENT_SECRET"]

INTROSPECTION_CLIENT_OPTS = {"timeout": httpx.Timeout(3.0), "verify": False, "http2": True}  # flaw: tls-verification-off

_pool = urllib3.PoolManager(num_pools=4, maxsize=16, cert_reqs="CERT_NONE", retries=urllib3.Retry(2))  # flaw: tls-verification-off


class Introspector:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(auth=(CLIENT_ID, CLIENT_SECRET), **INTROSPECTION_CLIENT_OPTS)

    async def introspect(self, token: str) -> dict:
        resp = await self._client.post(INTROSPECT_URL, data={"token": token, "token_type_hint": "access_token"})
        resp.raise_for_status()
        body = resp.json()
        if not body.get("active"):
            raise PermissionError("token inactive")
        return body

    async def aclose(self) -> None:
        await self._client.aclose()


def fetch_userinfo(access_token: str) -> dict:
    """Synchronous path used by the legacy WSGI admin."""
    resp = _pool.request(
        "GET",
        USERINFO_URL,
        headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        timeout=urllib3.Timeout(connect=2.0, read=3.0),
    )
    if resp.status != 200:
        raise PermissionError(f"userinfo returned {resp.status}")
    return json.loads(resp.data.decode("utf-8"))
