"""Async client for the internal entitlements API (aiohttp, private CA)."""
from __future__ import annotations

import os
import ssl

import aiohttp

ENTITLEMENTS_URL = os.environ.get("ENTITLEMENTS_URL", "https://entitlements.svc.example.internal")
PRIVATE_CA = os.environ.get("INTERNAL_CA_FILE", "/etc/ssl/internal/root.pem")


def _ssl_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=PRIVATE_CA)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = True  # near-miss: tls-verification-off
    ctx.verify_mode = ssl.CERT_REQUIRED  # near-miss: tls-verification-off
    return ctx


class EntitlementsClient:
    def __init__(self, service_token: str):
        self._token = service_token
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "EntitlementsClient":
        connector = aiohttp.TCPConnector(ssl=_ssl_context(), limit=20)
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"Authorization": f"Bearer {self._token}"},
            timeout=aiohttp.ClientTimeout(total=5),
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._session is not None:
            await self._session.close()

    async def entitlements_for(self, user_id: str) -> list[str]:
        assert self._session is not None
        async with self._session.get(f"{ENTITLEMENTS_URL}/v1/users/{user_id}/entitlements") as resp:
            resp.raise_for_status()
            data = await resp.json()
        return [e["name"] for e in data.get("items", [])]
