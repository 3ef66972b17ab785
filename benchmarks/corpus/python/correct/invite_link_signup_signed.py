"""Sign-up through an invitation link for the B2B portal (Django): signed, expiring, one-time, address-bound."""

from django.contrib.auth import get_user_model, login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .models import OrgMembership, UsedInviteToken

User = get_user_model()
signer = signing.TimestampSigner(salt="org-invite")
MAX_AGE = 7 * 24 * 3600


def make_invite_link(org, email: str) -> str:
    token = signer.sign_object({"org": org.pk, "email": email.lower(), "role": "member"})
    return f"https://portal.example.com/join/{token}"


def accept_invite(request, token: str):
    data = signer.unsign_object(token, max_age=MAX_AGE)
    user = request.user
    if user.email.lower() != data["email"]:
        raise PermissionDenied("this invitation was sent to another address")
    _, first_use = UsedInviteToken.objects.get_or_create(token_hash=UsedInviteToken.hash(token))
    if not first_use:
        raise PermissionDenied("invitation already used")
    OrgMembership.objects.get_or_create(org_id=data["org"], user=user, defaults={"role": data["role"]})  # ok: IDG149, IDG150, IDG151
    login(request, user)
    return redirect("/")
