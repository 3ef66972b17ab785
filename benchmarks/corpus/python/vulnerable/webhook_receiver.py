"""Receives identity-provider webhooks (user.deactivated, group.changed) and applies them."""

import hashlib
import hmac
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from .sync import apply_event


@csrf_exempt
def idp_webhook(request):
    signature = request.headers.get("X-IdP-Signature", "")
    expected = hmac.new(settings.IDP_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if signature != expected:  # expect: IDG120
        return HttpResponseForbidden("bad signature")
    event = json.loads(request.body)
    if event.get("type") not in ("user.deactivated", "group.changed"):
        raise ValueError(f"unexpected event {event.get('type')} signed with {settings.IDP_WEBHOOK_SECRET}")  # expect: IDG119
    apply_event(event)
    return HttpResponse(status=204)
