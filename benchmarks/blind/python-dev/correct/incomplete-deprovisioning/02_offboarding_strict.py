"""Offboarding pipeline: every step must succeed or the run is marked failed."""
import logging

from celery import shared_task

from identity.clients import github, google_workspace, okta, vault
from identity.models import OffboardingRun

log = logging.getLogger(__name__)

STEPS = (
    ("okta.deactivate", okta.deactivate_user),
    ("okta.sessions", okta.clear_sessions),
    ("google.suspend", google_workspace.suspend_user),
    ("google.oauth", google_workspace.revoke_oauth_tokens),
    ("github.org", github.remove_org_member),
    ("vault.tokens", vault.revoke_user_tokens),
    ("vault.ssh", vault.delete_ssh_signing_role),
)


@shared_task(bind=True, max_retries=5, retry_backoff=True)
def offboard_employee(self, employee_email: str, run_id: int) -> dict:
    run = OffboardingRun.objects.get(pk=run_id)
    done = dict(run.details or {})
    for name, step in STEPS:
        if done.get(name) == "ok":
            continue
        try:
            step(employee_email)
        except Exception as exc:  # near-miss: incomplete-deprovisioning
            log.error("offboarding step %s failed for run %s", name, run_id)
            run.status = "retrying" if self.request.retries < self.max_retries else "failed"
            run.details = {**done, name: f"error: {type(exc).__name__}"}
            run.save(update_fields=["status", "details"])
            raise self.retry(exc=exc)
        done[name] = "ok"
    run.status = "completed"
    run.details = done
    run.save(update_fields=["status", "details"])
    return done
