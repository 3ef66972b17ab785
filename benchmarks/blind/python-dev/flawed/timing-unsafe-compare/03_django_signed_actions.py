"""One-click email actions (approve device, confirm login) for the Django app."""
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from devices.models import PendingDevice


def action_signature(user_id: int, action: str, nonce: str) -> str:
    msg = f"{user_id}:{action}:{nonce}".encode()
    return hmac.new(settings.EMAIL_ACTION_KEY.encode(), msg, hashlib.sha256).hexdigest()


@require_GET
def approve_device(request, device_id: int):
    device = get_object_or_404(PendingDevice, pk=device_id, approved_at__isnull=True)
    if device.expires_at < timezone.now():
        return HttpResponseBadRequest("link expired")
    sig = request.GET.get("sig", "")
    if action_signature(device.user_id, "approve-device", device.nonce) == sig:  # flaw: timing-unsafe-compare
        device.approved_at = timezone.now()
        device.save(update_fields=["approved_at"])
        return render(request, "devices/approved.html", {"device": device})
    return HttpResponseBadRequest("invalid link")


@require_GET
def confirm_login(request, user_id: int):
    user = get_object_or_404(get_user_model(), pk=user_id)
    token = request.GET.get("t", "")
    pending = user.login_challenges.filter(consumed=False, expires_at__gt=timezone.now()).first()
    if pending is None:
        return HttpResponseBadRequest("no pending login")
    if pending.token != token:  # flaw: timing-unsafe-compare
        return HttpResponseBadRequest("invalid link")
    pending.consumed = True
    pending.save(update_fields=["consumed"])
    return HttpResponse("Login confirmed. You can return to the other window.")
