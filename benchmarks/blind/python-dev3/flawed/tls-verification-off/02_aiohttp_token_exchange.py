"""aiohttp client for the internal token-exchange service."""
import os
import ssl

import aiohttp


def _internal_ctx() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # flaw: tls-verification-off
    ctx.verify_mode = ssl.CERT_NONE  # flaw: tls-verification-off
    return ctx


class TokenExchange:
    base_url = os.environ.get("STS_URL", "https://sts.svc.cluster.local")

    def __init__(self):
        self._conn_kwargs = {"ssl": _internal_ctx()}

    async def exchange(self, subject_token: str, audience: str) -> dict:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(**self._conn_kwargs)) as s:
            async with s.post(f"{self.base_url}/token", data={
                "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token": subject_token,
                "audience": audience,
            }) as r:
                r.raise_for_status()
                return await r.json()
