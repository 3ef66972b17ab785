"""Client-credentials OAuth client with redacted diagnostics."""
import hashlib
import logging
import time

import requests

log = logging.getLogger("carrier.oauth")
SENSITIVE_KEYS = {"access_token", "refresh_token", "id_token", "client_secret"}


def fingerprint(secret: str) -> str:
    """Short, non-reversible identifier for correlating a token across log lines."""
    return hashlib.sha256(secret.encode()).hexdigest()[:10]  # near-miss: weak-password-hash


def redact(mapping: dict) -> dict:
    return {k: ("[redacted]" if k.lower() in SENSITIVE_KEYS or k.lower() == "authorization" else v) for k, v in mapping.items()}


class CarrierClient:
    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self._token: str | None = None
        self._expires_at = 0.0
        self._http = requests.Session()

    def _fetch_token(self) -> None:
        resp = self._http.post(
            f"{self.base_url}/oauth/token",
            data={"grant_type": "client_credentials", "scope": "shipments"},
            auth=(self.client_id, self.client_secret),
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        log.debug("token endpoint returned %s", redact(body))  # near-miss: secret-in-log
        self._token = body["access_token"]
        self._expires_at = time.monotonic() + body.get("expires_in", 3600) - 60
        log.info("obtained carrier token fp=%s", fingerprint(self._token))  # near-miss: secret-in-log

    def _headers(self) -> dict:
        if not self._token or time.monotonic() >= self._expires_at:
            self._fetch_token()
        return {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}

    def create_shipment(self, payload: dict) -> dict:
        headers = self._headers()
        resp = self._http.post(f"{self.base_url}/v2/shipments", json=payload, headers=headers, timeout=15)
        if resp.status_code >= 400:
            log.error("shipment create failed status=%s headers=%s", resp.status_code, redact(headers))  # near-miss: secret-in-log
            resp.raise_for_status()
        return resp.json()
