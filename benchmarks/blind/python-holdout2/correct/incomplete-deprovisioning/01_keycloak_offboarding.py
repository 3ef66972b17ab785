"""Celery task run by HR integration when an employee leaves."""
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError

from .models import ApiKey, Employee, RefreshToken

log = logging.getLogger(__name__)


def _kc() -> KeycloakAdmin:
    from django.conf import settings
    return KeycloakAdmin(server_url=settings.KC_URL, realm_name="staff",
                         client_id="hr-sync", client_secret_key=settings.KC_SECRET)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def offboard_employee(self, employee_id: int) -> dict:
    emp = Employee.objects.get(pk=employee_id)
    kc = _kc()
    try:
        kc.update_user(emp.keycloak_id, {"enabled": False})
        kc.user_logout(emp.keycloak_id)
        for consent in kc.consents_user(emp.keycloak_id):
            kc.revoke_consent(emp.keycloak_id, consent["clientId"])
    except KeycloakError as exc:
        log.warning("keycloak revocation failed for employee=%s, retrying", employee_id)  # near-miss: incomplete-deprovisioning
        raise self.retry(exc=exc)
    with transaction.atomic():
        RefreshToken.objects.filter(user=emp.user).delete()
        ApiKey.objects.filter(owner=emp.user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        emp.user.groups.clear()
        emp.user.is_active = False
        emp.user.save(update_fields=["is_active"])
        emp.status = Employee.Status.LEFT
        emp.save(update_fields=["status"])
    return {"employee": employee_id, "status": "offboarded"}
