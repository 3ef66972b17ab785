"""Invite-only signup; the account email is taken from the invitation, never from the form."""
from django import forms
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from partners.models import PartnerInvite, PartnerMembership

User = get_user_model()


class SignupForm(forms.Form):
    full_name = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, min_length=12)


@transaction.atomic
def signup_with_invite(request, code: str):
    try:
        invite = PartnerInvite.objects.select_for_update().select_related("partner").get(code=code)
    except PartnerInvite.DoesNotExist:
        raise Http404("unknown invitation")
    if invite.accepted_at is not None or invite.expires_at < timezone.now():
        return render(request, "partners/invite_invalid.html", status=410)
    form = SignupForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "partners/signup.html", {"form": form, "invite": invite})
    user = User.objects.create_user(
        username=invite.email.lower(),
        email=invite.email.lower(),  # near-miss: reusable-invite
        password=form.cleaned_data["password"],
        first_name=form.cleaned_data["full_name"],
    )
    PartnerMembership.objects.create(partner=invite.partner, user=user, role=invite.role)
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("partners:dashboard")
