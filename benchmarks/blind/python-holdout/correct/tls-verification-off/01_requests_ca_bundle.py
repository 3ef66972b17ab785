"""SCIM client for pushing user changes to the HR system over mutual TLS."""
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

SCIM_BASE = os.environ.get("HR_SCIM_BASE", "https://hr.partner.example.net/scim/v2")
CA_BUNDLE = os.environ.get("HR_CA_BUNDLE", "/etc/pki/hr-partner/ca.pem")
CLIENT_CERT = ("/etc/pki/hr-partner/client.crt", "/etc/pki/hr-partner/client.key")


def build_session() -> requests.Session:
    session = requests.Session()
    session.verify = CA_BUNDLE  # near-miss: tls-verification-off
    session.cert = CLIENT_CERT
    session.headers.update({
        "Authorization": f"Bearer {os.environ['HR_SCIM_TOKEN']}",
        "Content-Type": "application/scim+json",
    })
    retry = Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504), allowed_methods=None)
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


def push_user(session: requests.Session, user: dict) -> str:
    resp = session.post(f"{SCIM_BASE}/Users", json=user, timeout=10)
    resp.raise_for_status()
    return resp.json()["id"]


def deactivate_user(session: requests.Session, scim_id: str) -> None:
    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}],
    }
    resp = session.patch(f"{SCIM_BASE}/Users/{scim_id}", json=patch, timeout=10, verify=CA_BUNDLE)  # near-miss: tls-verification-off
    resp.raise_for_status()
