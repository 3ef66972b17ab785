"""Celery tasks run by HR offboarding for Quillmoor staff."""
import logging
import os

import requests
from celery import shared_task

log = logging.getLogger(__name__)

OKTA_BASE = os.environ["OKTA_ORG_URL"]
GITHUB_ORG = os.environ.get("GITHUB_ORG", "quillmoor")


def _okta_headers():
    return {"Authorization": f"SSWS {os.environ['OKTA_API_TOKEN']}", "Accept": "application/json"}


def _github_headers():
    return {"Authorization": f"Bearer {os.environ['GITHUB_ADMIN_TOKEN']}", "Accept": "application/vnd.github+json"}


def _deactivate_okta(okta_id: str) -> None:
    resp = requests.post(f"{OKTA_BASE}/api/v1/users/{okta_id}/lifecycle/deactivate", headers=_okta_headers(), timeout=15)
    resp.raise_for_status()


def _remove_from_github(login: str) -> None:
    resp = requests.delete(f"https://api.github.com/orgs/{GITHUB_ORG}/members/{login}", headers=_github_headers(), timeout=15)
    resp.raise_for_status()


@shared_task(bind=True, max_retries=3)
def offboard_employee(self, employee: dict) -> dict:
    _deactivate_okta(employee["okta_id"])
    try:
        _remove_from_github(employee["github_login"])
    except requests.RequestException:  # flaw: incomplete-deprovisioning
        log.warning("github removal skipped for %s", employee["id"])
    return {"employee": employee["id"], "status": "offboarded"}
