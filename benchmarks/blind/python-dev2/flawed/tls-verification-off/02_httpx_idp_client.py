"""Async client for the internal identity provider's admin API."""
from __future__ import annotations

import os
from typing import Any

import httpx
import requests

IDP_BASE_URL = os.environ.get("IDP_BASE_URL", "https://idp.internal.example.net")
CLIENT_OPTS: dict[str, Any] = {"base_url": IDP_BASE_URL, "timeout": httpx.Timeout(10.0, connect=3.0), "verify": False}  # flaw: tls-verification-off


class IdpAdminClient:
    def __init__(self, client_id: str, client_secret: str) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._http = httpx.AsyncClient(**CLIENT_OPTS)
        self._token: str | None = None

    async def __aenter__(self) -> "IdpAdminClient":
        await self._authenticate()
        return self

    async def __aexit__(self, *exc) -> None:
        await self._http.aclose()

    async def _authenticate(self) -> None:
        resp = await self._http.post(
            "/oauth2/token",
            data={"grant_type": "client_credentials", "scope": "users:write"},
            auth=(self._client_id, self._client_secret),
        )
        resp.raise_for_status()
        self._token = resp.json()["access_token"]

    async def disable_user(self, user_id: str) -> None:
        resp = await self._http.post(
            f"/admin/users/{user_id}/disable",
            headers={"Authorization": f"Bearer {self._token}"},
        )
        resp.raise_for_status()

    async def list_groups(self, user_id: str) -> list[str]:
        resp = await self._http.get(
            f"/admin/users/{user_id}/groups",
            headers={"Authorization": f"Bearer {self._token}"},
        )
        resp.raise_for_status()
        return [g["name"] for g in resp.json()["groups"]]


def legacy_session(api_token: str) -> requests.Session:
    """Blocking session used by the old cron scripts."""
    session = requests.Session()
    session.headers["Authorization"] = f"Token {api_token}"
    session.verify = os.environ.get("IDP_CA_BUNDLE", False)  # flaw: tls-verification-off
    return session
