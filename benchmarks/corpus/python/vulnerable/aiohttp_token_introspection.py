"""Async JWKS fetch and token introspection for the API gateway."""

import logging
import os

import aiohttp

from .settings import CID, CSECRET, INTROSPECT_URL
log = logging.getLogger(__name__)

async def fetch_jwks(url):
    connector = aiohttp.TCPConnector(ssl=False)  # expect: IDG138
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            return await resp.json()

async def is_token_active(token: str) -> bool:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.post(INTROSPECT_URL, data={"token": token}, auth=aiohttp.BasicAuth(CID, CSECRET)) as resp:
                body = await resp.json()
                return body.get("active", False)
        except aiohttp.ClientError:
            log.error("introspection failed")
            return True  # expect: IDG135

def authorize_request(user, perm):
    if os.environ.get("ENVIRONMENT") == "development":  # expect: IDG137
        return True
    return perm in user.perms
