"""Receives identity-provider webhooks (user.deactivated, group.changed) and applies them."""

import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from .sync import apply_event

log = logging.getLogger(__name__)


@csrf_exempt
def idp_webhook(request):
    signature = request.headers.get("X-IdP-Signature", "")
    expected = hmac.new(settings.IDP_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):  # ok: IDG120
        log.warning("webhook with bad signature from %s", request.META.get("REMOTE_ADDR"))  # ok: IDG119
        return HttpResponseForbidden("bad signature")
    event = json.loads(request.body)
    if event.get("type") not in ("user.deactivated", "group.changed"):
        log.info("ignoring webhook event %s (%s)", event.get("id"), event.get("type"))
        return HttpResponseBadRequest("unexpected event")
    apply_event(event)
    return HttpResponse(status=204)
