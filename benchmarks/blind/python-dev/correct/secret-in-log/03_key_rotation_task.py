"""Celery task rotating service API keys; logs only identifiers."""
import logging
import secrets

from celery import shared_task

from keys.models import ServiceKey
from keys.security import hash_key
from keys.vault import store_in_vault

log = logging.getLogger(__name__)


@shared_task
def rotate_service_key(service_name: str) -> int:
    old = ServiceKey.objects.filter(service=service_name, active=True).first()
    raw = secrets.token_urlsafe(32)
    new = ServiceKey.objects.create(service=service_name, key_hash=hash_key(raw), last4=raw[-4:], active=True)
    store_in_vault(f"services/{service_name}/api_key", raw)
    if old is not None:
        old.active = False
        old.save(update_fields=["active"])
    log.info("rotated api key for %s: key_id=%s last4=%s", service_name, new.pk, new.last4)  # near-miss: secret-in-log
    return new.pk


@shared_task
def report_stale_keys(max_age_days: int = 90) -> list[str]:
    stale = [k.service for k in ServiceKey.objects.stale(max_age_days)]
    if stale:
        log.warning("api keys older than %d days: %s", max_age_days, ", ".join(stale))  # near-miss: secret-in-log
    return stale
