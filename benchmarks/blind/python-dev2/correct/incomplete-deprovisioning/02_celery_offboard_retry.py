"""Celery workflow that removes a leaver from the SaaS tools we administer."""
import logging

from celery import shared_task

from .clients import ApiError, github_org, idp, slack_admin

log = logging.getLogger(__name__)


class OffboardingIncomplete(Exception):
    pass


def _github(email: str) -> None:
    login = github_org.login_for_email(email)
    if not login:
        return
    for key in github_org.list_ssh_keys(login):
        github_org.delete_ssh_key(login, key["id"])
    for token in github_org.list_fine_grained_tokens(login):
        github_org.revoke_token(token["id"])
    github_org.remove_member(login)


@shared_task(bind=True, autoretry_for=(ConnectionError, OffboardingIncomplete), retry_backoff=True, max_retries=8)
def offboard_employee(self, employee_id: str, email: str) -> dict:
    steps = {
        "idp": lambda: (idp.suspend_user(email), idp.revoke_all_sessions(email), idp.revoke_refresh_tokens(email)),
        "github": lambda: _github(email),
        "slack": lambda: (slack_admin.deactivate(email), slack_admin.revoke_tokens(email)),
    }
    failures: dict[str, str] = {}
    for name, step in steps.items():
        try:
            step()
        except ApiError as exc:  # near-miss: incomplete-deprovisioning
            log.error("offboarding step %s failed for employee %s: %s", name, employee_id, exc.code)
            failures[name] = exc.code
    if failures:
        raise OffboardingIncomplete(f"{employee_id}: {sorted(failures)}")
    return {"employee": employee_id, "status": "complete", "steps": list(steps)}
