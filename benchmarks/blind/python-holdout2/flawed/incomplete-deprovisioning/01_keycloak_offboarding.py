"""Celery task run by HR integration when an employee leaves."""
import logging

from celery import shared_task
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError

from .models import ApiKey, Employee, RefreshToken

log = logging.getLogger(__name__)


def _kc() -> KeycloakAdmin:
    from django.conf import settings
    return KeycloakAdmin(server_url=settings.KC_URL, realm_name="staff",
                         client_id="hr-sync", client_secret_key=settings.KC_SECRET)


@shared_task(bind=True, max_retries=3)
def offboard_employee(self, employee_id: int) -> dict:  # flaw: incomplete-deprovisioning
    emp = Employee.objects.get(pk=employee_id)
    kc = _kc()
    kc.update_user(emp.keycloak_id, {"enabled": False})
    try:
        kc.user_logout(emp.keycloak_id)
    except KeycloakError:
        log.warning("logout failed for %s", emp.keycloak_id)  # flaw: incomplete-deprovisioning
    RefreshToken.objects.filter(user=emp.user).delete()
    emp.status = Employee.Status.LEFT
    emp.save(update_fields=["status"])
    return {"employee": employee_id, "status": "offboarded"}


def api_keys_for(emp: Employee):
    return ApiKey.objects.filter(owner=emp.user, revoked_at__isnull=True)
