"""API key lifecycle with product analytics (Django + Segment-style tracker)."""
import logging
import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from analytics import tracker
from keys.models import ApiKey
from keys.security import hash_key

log = logging.getLogger(__name__)


def _issue(user, name: str) -> tuple[ApiKey, str]:
    raw = "pk_" + secrets.token_urlsafe(30)
    key = ApiKey.objects.create(user=user, name=name, key_hash=hash_key(raw), prefix=raw[:10])
    return key, raw


@login_required
@require_POST
def create_key(request):
    name = request.POST.get("name", "default")[:60]
    key, raw = _issue(request.user, name)
    tracker.track(request.user.pk, "API Key Created", {"key_id": key.pk, "name": name, "key": raw})  # flaw: secret-in-log
    return JsonResponse({"id": key.pk, "key": raw}, status=201)


@login_required
@require_POST
def rotate_key(request, key_id: int):
    old = ApiKey.objects.get(pk=key_id, user=request.user, revoked=False)
    old.revoked = True
    old.save(update_fields=["revoked"])
    key, raw = _issue(request.user, old.name)
    print(f"[rotate] user={request.user.pk} old={old.prefix} new={raw}")  # flaw: secret-in-log
    log.info("rotated key %s -> %s for user %s", old.pk, key.pk, request.user.pk)
    return JsonResponse({"id": key.pk, "key": raw})
