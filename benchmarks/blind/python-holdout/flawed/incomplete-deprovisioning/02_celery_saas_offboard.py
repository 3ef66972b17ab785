"""Celery pipeline that removes a departing employee from third-party SaaS tools."""
from __future__ import annotations

import logging
import os

import requests
from celery import shared_task

log = logging.getLogger("offboarding")

GIT_API = "https://api.github.com"
CHAT_API = "https://chat.example.com/api"
IDP_API = os.environ.get("IDP_API", "https://example.okta.com/api/v1")


def _git_headers() -> dict:
    return {"Authorization": f"Bearer {os.environ['GIT_ORG_TOKEN']}", "Accept": "application/vnd.github+json"}


def remove_from_git_org(org: str, login: str) -> None:
    resp = requests.delete(f"{GIT_API}/orgs/{org}/members/{login}", headers=_git_headers(), timeout=15)
    resp.raise_for_status()


def deactivate_chat_account(chat_user_id: str) -> None:
    resp = requests.post(
        f"{CHAT_API}/users.deactivate",
        headers={"Authorization": f"Bearer {os.environ['CHAT_ADMIN_TOKEN']}"},
        json={"user": chat_user_id},
        timeout=15,
    )
    resp.raise_for_status()


def suspend_idp_user(idp_user_id: str) -> None:
    headers = {"Authorization": f"SSWS {os.environ['IDP_API_TOKEN']}"}
    requests.post(f"{IDP_API}/users/{idp_user_id}/lifecycle/suspend", headers=headers, timeout=15).raise_for_status()
    requests.delete(f"{IDP_API}/users/{idp_user_id}/sessions?oauthTokens=true", headers=headers, timeout=15).raise_for_status()


@shared_task(bind=True, acks_late=True)
def offboard_employee(self, employee: dict) -> dict:
    results = {"employee": employee["id"]}

    suspend_idp_user(employee["idp_user_id"])
    results["idp"] = "suspended"

    try:
        remove_from_git_org(employee.get("git_org", "example-corp"), employee["git_login"])
        results["git"] = "removed"
    except requests.RequestException as exc:  # flaw: incomplete-deprovisioning
        log.warning("git removal failed for %s: %s", employee["id"], exc)

    if employee.get("chat_user_id"):
        try:
            deactivate_chat_account(employee["chat_user_id"])
            results["chat"] = "deactivated"
        except requests.RequestException:  # flaw: incomplete-deprovisioning
            pass

    results["status"] = "completed"
    return results
