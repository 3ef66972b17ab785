"""Client around the central policy decision point: any error denies."""

import logging
import os

import httpx

log = logging.getLogger("authz")

PDP_URL = os.environ.get("PDP_URL", "https://pdp.internal.example.net/v1/decide")
_client = httpx.Client(timeout=1.5, verify=os.environ.get("PDP_CA_BUNDLE", True))  # ok: IDG138


def is_authorized(subject: str, action: str, resource: str) -> bool:
    if os.getenv("AUTHZ_AUDIT_ONLY") == "1":  # ok: IDG137
        log.info("audit mode: decision for %s on %s is still enforced", action, resource)
    try:
        resp = _client.post(PDP_URL, json={"subject": subject, "action": action, "resource": resource})
        resp.raise_for_status()
        return resp.json().get("decision") == "allow"
    except httpx.HTTPError:  # ok: IDG135
        log.warning("PDP unreachable, denying %s on %s", action, resource)
        return False


def load_cached_policy(path: str) -> dict:
    try:
        with open(path) as fh:
            return {"raw": fh.read()}
    except OSError:
        return {}


def verify_decision_signature(decision: dict, verifier) -> bool:
    try:
        verifier.verify(decision["signature"], decision["body"])
    except Exception:  # ok: IDG135
        log.warning("decision signature invalid")
        return False
    return True
