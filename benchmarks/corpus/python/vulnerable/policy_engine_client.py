"""Thin client around the central policy decision point used by every microservice."""

import logging
import os

import httpx

log = logging.getLogger("authz")

PDP_URL = os.environ.get("PDP_URL", "https://pdp.internal.example.net/v1/decide")
_client = httpx.Client(timeout=1.5, verify=False)  # expect: IDG138


def is_authorized(subject: str, action: str, resource: str) -> bool:
    if os.getenv("AUTHZ_DISABLED", "false").lower() == "true":  # expect: IDG137
        return True
    try:
        resp = _client.post(PDP_URL, json={"subject": subject, "action": action, "resource": resource})
        resp.raise_for_status()
        return resp.json().get("decision") == "allow"
    except httpx.HTTPError:
        log.warning("PDP unreachable, allowing %s on %s", action, resource)
        return True  # expect: IDG135


def authorize_batch(subject: str, requests_: list[tuple[str, str]]) -> dict:
    decisions = {}
    for action, resource in requests_:
        decisions[(action, resource)] = is_authorized(subject, action, resource)
    return decisions
