"""Invite-only beta signup: codes are bound to an address and redeemed once (Django)."""
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from beta.models import BetaInvite

User = get_user_model()


def _redeemable(code: str, email: str) -> BetaInvite | None:
    invite = BetaInvite.objects.select_for_update().filter(code=code, redeemed_at__isnull=True).first()
    if invite is None or invite.expires_at < timezone.now():
        return None
    if invite.email.casefold() != email.casefold():
        return None
    return invite


@require_POST
@transaction.atomic
def beta_signup(request):  # near-miss: reusable-invite
    email = request.POST.get("email", "").strip()
    invite = _redeemable(request.POST.get("invite_code", "").strip(), email)
    if invite is None:
        return HttpResponseBadRequest("invalid or expired invite code")
    user = User.objects.create_user(username=email, email=email, password=request.POST["password"])
    invite.redeemed_at = timezone.now()
    invite.redeemed_by = user
    invite.save(update_fields=["redeemed_at", "redeemed_by"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("beta:welcome")
