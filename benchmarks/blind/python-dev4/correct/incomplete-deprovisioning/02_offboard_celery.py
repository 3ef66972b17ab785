"""Offboarding task for Saltmarsh Labs with retries on each provider."""
import os

import requests
from celery import shared_task

OKTA = os.environ["OKTA_ORG_URL"]
ORG = os.environ.get("GITHUB_ORG", "saltmarsh")


def _okta(path: str) -> None:
    r = requests.post(f"{OKTA}{path}", headers={"Authorization": f"SSWS {os.environ['OKTA_API_TOKEN']}"}, timeout=15)
    r.raise_for_status()


def _github_remove(login: str) -> None:
    r = requests.delete(
        f"https://api.github.com/orgs/{ORG}/members/{login}",
        headers={"Authorization": f"Bearer {os.environ['GITHUB_ADMIN_TOKEN']}"},
        timeout=15,
    )
    if r.status_code not in (204, 404):
        r.raise_for_status()


@shared_task(bind=True, max_retries=5, autoretry_for=(requests.RequestException,), retry_backoff=True)
def offboard_employee(self, employee: dict) -> dict:
    _okta(f"/api/v1/users/{employee['okta_id']}/sessions")  # near-miss: incomplete-deprovisioning
    _okta(f"/api/v1/users/{employee['okta_id']}/lifecycle/deactivate")
    _github_remove(employee["github_login"])
    return {"employee": employee["id"], "status": "offboarded"}
