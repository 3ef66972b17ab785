"""Partner API client; request tracing redacts credentials before logging."""
from __future__ import annotations

import logging
import os

import httpx

log = logging.getLogger("partners.payroll")
BASE_URL = os.environ.get("PAYROLL_API", "https://api.payroll-partner.example.net")
SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "x-api-key", "proxy-authorization"})


def redact_headers(headers: httpx.Headers) -> dict[str, str]:
    return {k: ("[redacted]" if k.lower() in SENSITIVE_HEADERS else v) for k, v in headers.items()}


def _trace_request(request: httpx.Request) -> None:
    log.debug("-> %s %s headers=%s", request.method, request.url, redact_headers(request.headers))  # near-miss: secret-in-log


class PartnerAuthError(RuntimeError):
    pass


class PayrollClient:
    def __init__(self, client_id: str, client_secret: str):
        self._client_id = client_id
        self._http = httpx.Client(base_url=BASE_URL, timeout=10, auth=None, event_hooks={"request": [_trace_request]})
        self._basic = httpx.BasicAuth(client_id, client_secret)

    def token(self) -> str:
        resp = self._http.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=self._basic)
        if resp.status_code != 200:
            raise PartnerAuthError(f"token request failed for client {self._client_id}: HTTP {resp.status_code}")  # near-miss: secret-in-log
        return resp.json()["access_token"]
