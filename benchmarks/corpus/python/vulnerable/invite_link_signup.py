"""Sign-up through an invitation link for the B2B portal (Django)."""

from django.contrib.auth import get_user_model, login
from django.core import signing
from django.shortcuts import redirect

from .models import OrgMembership

User = get_user_model()
signer = signing.TimestampSigner(salt="org-invite")


def make_invite_link(org, email: str) -> str:
    token = signer.sign_object({"org": org.pk, "email": email, "role": "member"})
    return f"https://portal.example.com/join/{token}"


def accept_invite(request, token: str):  # expect: IDG149, IDG150, IDG151
    data = signer.unsign_object(token)
    user = request.user
    OrgMembership.objects.get_or_create(org_id=data["org"], user=user, defaults={"role": data["role"]})
    login(request, user)
    return redirect("/")
