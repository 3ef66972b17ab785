"""HTTP client for the payroll partner API with request tracing."""
from __future__ import annotations

import logging
import os

import httpx

log = logging.getLogger("partners.payroll")
BASE_URL = os.environ.get("PAYROLL_API", "https://api.payroll-partner.example.net")


class PartnerAuthError(RuntimeError):
    pass


def _trace_request(request: httpx.Request) -> None:
    log.debug("-> %s %s headers=%s", request.method, request.url, dict(request.headers))  # flaw: secret-in-log


def _trace_response(response: httpx.Response) -> None:
    log.debug("<- %s %s in %.0fms", response.status_code, response.request.url, response.elapsed.total_seconds() * 1000)


class PayrollClient:
    def __init__(self, client_id: str, client_secret: str):
        self._client_id = client_id
        self._client_secret = client_secret
        self._http = httpx.Client(
            base_url=BASE_URL,
            timeout=10,
            event_hooks={"request": [_trace_request], "response": [_trace_response]},
        )
        self._token: str | None = None

    def _authenticate(self) -> str:
        resp = self._http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(self._client_id, self._client_secret),
        )
        if resp.status_code != 200:
            raise PartnerAuthError(f"token request failed for client {self._client_id} with secret {self._client_secret}: {resp.status_code}")  # flaw: secret-in-log
        self._token = resp.json()["access_token"]
        return self._token

    def employees(self, company_id: str) -> list[dict]:
        token = self._token or self._authenticate()
        resp = self._http.get(f"/v2/companies/{company_id}/employees", headers={"Authorization": f"Bearer {token}"})
        if resp.status_code == 401:
            token = self._authenticate()
            resp = self._http.get(f"/v2/companies/{company_id}/employees", headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        return resp.json()["items"]
