"""Invite-only beta signup and partner onboarding links (Django)."""
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beta.models import BetaInvite, PartnerOnboardingLink

User = get_user_model()


@require_POST
@transaction.atomic
def beta_signup(request):  # flaw: reusable-invite
    code = request.POST.get("invite_code", "").strip()
    invite = BetaInvite.objects.select_for_update().filter(code=code, redeemed_at__isnull=True).first()
    if invite is None or invite.expires_at < timezone.now():
        return HttpResponseBadRequest("invalid or expired invite code")
    user = User.objects.create_user(
        username=request.POST["email"],
        email=request.POST["email"],
        password=request.POST["password"],
    )
    invite.redeemed_at = timezone.now()
    invite.redeemed_by = user
    invite.save(update_fields=["redeemed_at", "redeemed_by"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("beta:welcome")


@transaction.atomic
def partner_onboarding(request, token: str):  # flaw: reusable-invite
    link = PartnerOnboardingLink.objects.select_related("partner").filter(token=token).first()
    if link is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if link.email.lower() != request.user.email.lower():
        return HttpResponseBadRequest("this link was issued to a different address")
    link.partner.members.add(request.user)
    return render(request, "beta/partner_joined.html", {"partner": link.partner})
