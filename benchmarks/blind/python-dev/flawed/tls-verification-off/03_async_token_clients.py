"""Async clients the notification service uses to obtain and use OAuth tokens."""
import asyncio
import os

import aiohttp
import httpx
import urllib3

TOKEN_URL = os.environ.get("AUTH_TOKEN_URL", "https://auth.internal.example.com/oauth/token")
PUSH_API = os.environ.get("PUSH_API", "https://push.internal.example.com")

HTTPX_OPTS = {"timeout": httpx.Timeout(10.0), "verify": False, "http2": True}  # flaw: tls-verification-off


async def fetch_service_token(client_id: str, client_secret: str) -> str:
    connector = aiohttp.TCPConnector(ssl=False, limit=10)  # flaw: tls-verification-off
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.post(
            TOKEN_URL,
            data={"grant_type": "client_credentials"},
            auth=aiohttp.BasicAuth(client_id, client_secret),
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return body["access_token"]


async def send_push(token: str, device_ids: list[str], message: str) -> int:
    async with httpx.AsyncClient(base_url=PUSH_API, **HTTPX_OPTS) as client:
        resp = await client.post("/v2/send", json={"devices": device_ids, "message": message}, headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        return resp.json().get("accepted", 0)


def legacy_sms_gateway(api_key: str, number: str, text: str) -> int:
    pool = urllib3.PoolManager(cert_reqs="CERT_NONE", timeout=5.0)  # flaw: tls-verification-off
    resp = pool.request("POST", "https://sms-gw.internal.example.com/send", fields={"to": number, "text": text}, headers={"X-Api-Key": api_key})
    return resp.status


async def main() -> None:
    token = await fetch_service_token(os.environ["PUSH_CLIENT_ID"], os.environ["PUSH_CLIENT_SECRET"])
    accepted = await send_push(token, ["dev-1"], "hello")
    print(f"accepted={accepted}")


if __name__ == "__main__":
    asyncio.run(main())
