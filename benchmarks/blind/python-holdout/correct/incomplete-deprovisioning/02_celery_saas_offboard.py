"""Offboard a departing employee from SaaS tools; each step retries and failures surface."""
from __future__ import annotations

import logging
import os

import requests
from celery import chain, shared_task

log = logging.getLogger("offboarding")
GIT_API = "https://api.github.com"
CHAT_API = "https://chat.example.com/api"

RETRY_KW = dict(bind=True, autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=8)


@shared_task(**RETRY_KW)
def remove_from_git_org(self, employee: dict) -> dict:
    headers = {"Authorization": f"Bearer {os.environ['GIT_ORG_TOKEN']}"}
    resp = requests.delete(f"{GIT_API}/orgs/{employee['git_org']}/members/{employee['git_login']}", headers=headers, timeout=15)
    if resp.status_code != 404:
        resp.raise_for_status()
    return employee


@shared_task(**RETRY_KW)
def revoke_git_credentials(self, employee: dict) -> dict:
    headers = {"Authorization": f"Bearer {os.environ['GIT_ORG_TOKEN']}"}
    resp = requests.get(f"{GIT_API}/orgs/{employee['git_org']}/credential-authorizations", headers=headers, params={"login": employee["git_login"]}, timeout=15)
    resp.raise_for_status()
    for cred in resp.json():
        requests.delete(
            f"{GIT_API}/orgs/{employee['git_org']}/credential-authorizations/{cred['credential_id']}", headers=headers, timeout=15
        ).raise_for_status()
    return employee


@shared_task(**RETRY_KW)
def deactivate_chat_account(self, employee: dict) -> dict:
    resp = requests.post(
        f"{CHAT_API}/users.deactivate",
        headers={"Authorization": f"Bearer {os.environ['CHAT_ADMIN_TOKEN']}"},
        json={"user": employee["chat_user_id"], "revoke_tokens": True},
        timeout=15,
    )
    resp.raise_for_status()
    return employee


@shared_task(bind=True)
def mark_complete(self, employee: dict) -> dict:
    log.info("offboarding complete for employee %s", employee["id"])
    return {"employee": employee["id"], "status": "completed"}


@shared_task
def report_failure(request, exc, traceback, employee_id: str) -> None:
    log.error("offboarding failed for employee %s: %r", employee_id, exc)


def offboard_employee(employee: dict):
    workflow = chain(
        remove_from_git_org.s(employee),
        revoke_git_credentials.s(),
        deactivate_chat_account.s(),
        mark_complete.s(),
    )
    return workflow.apply_async(link_error=report_failure.s(employee["id"]))
