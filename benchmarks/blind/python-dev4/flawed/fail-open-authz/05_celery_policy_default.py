"""Celery task guard for bulk actions in the Driftwood CRM."""
import json

from celery import shared_task

from .cache import redis_client
from .policy import evaluate

DECISION_TTL = 60


def cached_decision(user_id: int, action: str) -> dict:
    key = f"authz:{user_id}:{action}"
    raw = redis_client.get(key)
    if raw:
        return json.loads(raw)
    decision = evaluate(user_id=user_id, action=action) or {}
    redis_client.setex(key, DECISION_TTL, json.dumps(decision))
    return decision


def may(user_id: int, action: str) -> bool:
    decision = cached_decision(user_id, action)
    return bool(decision.get("allow", True))  # flaw: fail-open-authz


@shared_task
def bulk_delete_contacts(user_id: int, contact_ids: list[int]) -> int:
    if not may(user_id, "contacts.bulk_delete"):
        raise PermissionError("not allowed")
    from .models import Contact
    deleted, _ = Contact.objects.filter(id__in=contact_ids).delete()
    return deleted
