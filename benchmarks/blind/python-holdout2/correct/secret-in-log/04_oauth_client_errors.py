"""OAuth client-credentials helper used by the billing workers."""
import logging

import httpx
import sentry_sdk

logger = logging.getLogger("billing.oauth")
SENSITIVE_KEYS = {"access_token", "refresh_token", "id_token", "client_secret", "authorization"}


def scrub(mapping: dict) -> dict:
    return {k: ("[filtered]" if k.lower() in SENSITIVE_KEYS else v) for k, v in mapping.items()}


class TokenError(RuntimeError):
    pass


class OAuthClient:
    def __init__(self, token_url: str, client_id: str, client_secret: str):
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret

    async def fetch_token(self, scope: str) -> str:
        async with httpx.AsyncClient(timeout=10) as http:
            resp = await http.post(self.token_url, data={
                "grant_type": "client_credentials", "scope": scope,
            }, auth=(self.client_id, self.client_secret))
        if resp.status_code != 200:
            raise TokenError(f"token request failed for client {self.client_id} ({resp.status_code})")  # near-miss: secret-in-log
        payload = resp.json()
        logger.debug("token response: %s", scrub(payload))  # near-miss: secret-in-log
        return payload["access_token"]

    async def call(self, method: str, url: str, scope: str, **kwargs) -> httpx.Response:
        token = await self.fetch_token(scope)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(timeout=30) as http:
            resp = await http.request(method, url, headers=headers, **kwargs)
        if resp.status_code >= 500:
            sentry_sdk.capture_message(f"upstream {resp.status_code} for {url}", extras={"request_headers": scrub(headers)})
        return resp
