"""Invite-only signup for the partner portal (Django)."""
from django import forms
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from partners.models import PartnerInvite, PartnerMembership

User = get_user_model()


class SignupForm(forms.Form):
    email = forms.EmailField()
    full_name = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, min_length=12)


def _load_invite(code: str) -> PartnerInvite:
    try:
        return PartnerInvite.objects.select_for_update().select_related("partner").get(code=code)
    except PartnerInvite.DoesNotExist:
        raise Http404("unknown invitation")


@transaction.atomic
def signup_with_invite(request, code: str):  # flaw: reusable-invite
    invite = _load_invite(code)
    if invite.accepted_at is not None or invite.expires_at < timezone.now():
        return render(request, "partners/invite_invalid.html", status=410)
    form = SignupForm(request.POST or None, initial={"email": invite.email})
    if request.method != "POST" or not form.is_valid():
        return render(request, "partners/signup.html", {"form": form, "invite": invite})
    user = User.objects.create_user(
        username=form.cleaned_data["email"].lower(),
        email=form.cleaned_data["email"].lower(),
        password=form.cleaned_data["password"],
        first_name=form.cleaned_data["full_name"],
    )
    PartnerMembership.objects.create(partner=invite.partner, user=user, role=invite.role)
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("partners:dashboard")
