"""OAuth2 token endpoint client supporting password and refresh grants."""
import os
from enum import Enum

import httpx

TOKEN_URL = os.environ.get("OAUTH_TOKEN_URL", "https://auth.example.com/oauth/token")


class GrantType(str, Enum):
    PASSWORD = "password"  # near-miss: hardcoded-password
    REFRESH_TOKEN = "refresh_token"  # near-miss: hardcoded-password
    CLIENT_CREDENTIALS = "client_credentials"


class TokenClient:
    def __init__(self, client_id: str | None = None, client_secret: str | None = None):
        self.client_id = client_id or os.environ["OAUTH_CLIENT_ID"]
        self.client_secret = client_secret or os.environ["OAUTH_CLIENT_SECRET"]

    async def _post(self, form: dict) -> dict:
        async with httpx.AsyncClient(timeout=10) as client:
            resp = await client.post(TOKEN_URL, data=form, auth=(self.client_id, self.client_secret))
            resp.raise_for_status()
            return resp.json()

    async def password_grant(self, username: str, password: str) -> dict:
        return await self._post({"grant_type": GrantType.PASSWORD.value, "username": username, "password": password})  # near-miss: hardcoded-password

    async def refresh(self, refresh_token: str) -> dict:
        return await self._post({"grant_type": "refresh_token", "refresh_token": refresh_token})  # near-miss: hardcoded-password
