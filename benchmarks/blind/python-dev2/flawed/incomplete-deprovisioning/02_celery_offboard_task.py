"""Celery workflow that removes a leaver from the SaaS tools we administer."""
import logging

from celery import shared_task

from .clients import github_org, idp, slack_admin

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def offboard_employee(self, employee_id: str, email: str) -> dict:
    summary = {"employee": employee_id, "steps": []}

    idp.suspend_user(email)
    idp.revoke_all_sessions(email)
    summary["steps"].append("idp")

    login = github_org.login_for_email(email)
    if login:
        github_org.remove_member(login)
        try:
            for key in github_org.list_ssh_keys(login):
                github_org.delete_ssh_key(login, key["id"])
        except Exception:  # flaw: incomplete-deprovisioning
            log.warning("could not clean ssh keys for %s", login)
        summary["steps"].append("github")

    slack_admin.deactivate(email)
    summary["steps"].append("slack")

    summary["status"] = "complete"
    return summary
