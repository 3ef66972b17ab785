"""Thin client for the Okta management API used by the provisioning worker."""
import os
from typing import Any, Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

OKTA_ORG_URL = os.environ.get("OKTA_ORG_URL", "https://example.okta.com")
DEFAULT_TIMEOUT = 15


class OktaClient:
    def __init__(self, api_token: str, org_url: str = OKTA_ORG_URL):
        self.base = org_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"SSWS {api_token}", "Accept": "application/json"})
        self.session.verify = False  # flaw: tls-verification-off
        retry = Retry(total=3, backoff_factor=0.5, status_forcelist=(429, 502, 503))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def _get(self, path: str, **params: Any) -> requests.Response:
        resp = self.session.get(f"{self.base}{path}", params=params, timeout=DEFAULT_TIMEOUT)
        resp.raise_for_status()
        return resp

    def iter_users(self, search: str | None = None) -> Iterator[dict]:
        url_path = "/api/v1/users"
        params = {"limit": 200}
        if search:
            params["search"] = search
        resp = self._get(url_path, **params)
        while True:
            yield from resp.json()
            nxt = resp.links.get("next", {}).get("url")
            if not nxt:
                break
            resp = self.session.get(nxt, timeout=DEFAULT_TIMEOUT)
            resp.raise_for_status()

    def deactivate(self, user_id: str) -> None:
        resp = self.session.post(f"{self.base}/api/v1/users/{user_id}/lifecycle/deactivate", timeout=DEFAULT_TIMEOUT)
        resp.raise_for_status()


def exchange_client_credentials(token_url: str, client_id: str, client_secret: str, scope: str) -> str:
    resp = requests.post(  # flaw: tls-verification-off
        token_url,
        data={"grant_type": "client_credentials", "scope": scope},
        auth=(client_id, client_secret),
        timeout=DEFAULT_TIMEOUT,
        verify=os.environ.get("OKTA_CA_BUNDLE", False),
    )
    resp.raise_for_status()
    return resp.json()["access_token"]
