"""Async client for the identity provider's token and userinfo endpoints."""
import logging
import os

import httpx

logger = logging.getLogger(__name__)
IDP_URL = os.environ.get("IDP_URL", "https://idp.example.com")


class IdpError(Exception):
    pass


class IdpClient:
    def __init__(self, client_id: str, client_secret: str):
        self.client_id = client_id
        self.client_secret = client_secret
        self._http = httpx.AsyncClient(base_url=IDP_URL, timeout=10)

    async def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> dict:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        resp = await self._http.post("/oauth2/token", data=form)
        if resp.status_code != 200:
            logger.error("token exchange failed (%s): request=%s", resp.status_code, form)  # flaw: secret-in-log
            raise IdpError("token exchange failed")
        tokens = resp.json()
        logger.debug("received tokens: access=%s refresh=%s", tokens.get("access_token"), tokens.get("refresh_token"))  # flaw: secret-in-log
        return tokens

    async def userinfo(self, access_token: str) -> dict:
        headers = {"Authorization": f"Bearer {access_token}"}
        resp = await self._http.get("/oauth2/userinfo", headers=headers)
        if resp.status_code == 401:
            raise IdpError(f"userinfo rejected, headers={headers}")  # flaw: secret-in-log
        resp.raise_for_status()
        info = resp.json()
        logger.info("userinfo fetched for sub=%s", info.get("sub"))
        return info

    async def aclose(self) -> None:
        await self._http.aclose()
