"""SCIM push client for the downstream HR SaaS, pinned to our private CA."""
import os
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


@dataclass(frozen=True)
class ScimSettings:
    base_url: str = os.environ.get("SCIM_BASE_URL", "https://hr.partner.example/scim/v2")
    token: str = os.environ.get("SCIM_TOKEN", "")
    ca_bundle: str = os.environ.get("SCIM_CA_BUNDLE", "/etc/ssl/certs/partner-ca.pem")
    timeout: float = 10.0


class ScimClient:
    def __init__(self, settings: ScimSettings) -> None:
        if not settings.token:
            raise RuntimeError("SCIM_TOKEN is not configured")
        self._settings = settings
        self._session = requests.Session()
        self._session.verify = settings.ca_bundle  # near-miss: tls-verification-off
        self._session.headers.update(
            {"Authorization": f"Bearer {settings.token}", "Content-Type": "application/scim+json"}
        )
        retry = Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504))
        self._session.mount("https://", HTTPAdapter(max_retries=retry))

    def _url(self, path: str) -> str:
        return f"{self._settings.base_url.rstrip('/')}/{path.lstrip('/')}"

    def create_user(self, user: dict) -> dict:
        resp = self._session.post(self._url("Users"), json=user, timeout=self._settings.timeout)
        resp.raise_for_status()
        return resp.json()

    def deactivate_user(self, scim_id: str) -> None:
        patch = {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "active", "value": False}],
        }
        resp = self._session.patch(self._url(f"Users/{scim_id}"), json=patch, timeout=self._settings.timeout)
        resp.raise_for_status()


def fetch_partner_metadata(url: str, ca_bundle: str) -> dict:
    resp = requests.get(url, verify=ca_bundle, timeout=5)  # near-miss: tls-verification-off
    resp.raise_for_status()
    return resp.json()
