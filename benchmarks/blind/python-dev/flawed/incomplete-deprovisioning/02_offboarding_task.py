"""Celery offboarding pipeline triggered by the HRIS 'termination' event."""
import logging

from celery import shared_task

from identity.clients import github, google_workspace, okta, vault
from identity.models import OffboardingRun

log = logging.getLogger(__name__)


class RevocationError(Exception):
    pass


@shared_task(bind=True, max_retries=3, default_retry_delay=120)
def offboard_employee(self, employee_email: str, run_id: int) -> dict:
    run = OffboardingRun.objects.get(pk=run_id)
    results: dict[str, str] = {}

    okta.deactivate_user(employee_email)
    okta.clear_sessions(employee_email)
    results["okta"] = "deactivated"

    google_workspace.suspend_user(employee_email)
    google_workspace.revoke_oauth_tokens(employee_email)
    results["google"] = "suspended"

    try:
        removed = github.remove_org_member(employee_email)
        results["github"] = "removed" if removed else "not a member"
    except github.GitHubError as exc:
        raise self.retry(exc=exc)

    try:
        vault.revoke_user_tokens(employee_email)
        vault.delete_ssh_signing_role(employee_email)
        results["vault"] = "revoked"
    except vault.VaultError as exc:  # flaw: incomplete-deprovisioning
        log.warning("vault revocation for %s failed: %s", employee_email, exc)
        results["vault"] = "skipped"

    run.status = "completed"
    run.details = results
    run.save(update_fields=["status", "details"])
    return results
