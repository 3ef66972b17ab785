"""Client-credentials OAuth client for the shipping-carrier API."""
import logging
import time

import requests

log = logging.getLogger("carrier.oauth")


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
        log.debug("token endpoint returned %s", body)  # flaw: secret-in-log
        self._token = body["access_token"]
        self._expires_at = time.monotonic() + body.get("expires_in", 3600) - 60

    def _headers(self) -> dict:
        if not self._token or time.monotonic() >= self._expires_at:
            self._fetch_token()
        return {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}

    def create_shipment(self, payload: dict) -> dict:
        headers = self._headers()
        resp = self._http.post(f"{self.base_url}/v2/shipments", json=payload, headers=headers, timeout=15)
        if resp.status_code >= 400:
            log.error("shipment create failed status=%s headers=%s body=%s", resp.status_code, headers, resp.text)  # flaw: secret-in-log
            resp.raise_for_status()
        return resp.json()

    def track(self, tracking_no: str) -> dict:
        resp = self._http.get(f"{self.base_url}/v2/tracking/{tracking_no}", headers=self._headers(), timeout=10)
        resp.raise_for_status()
        return resp.json()
