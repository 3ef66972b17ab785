"""API-key creation for the Django partner portal: requested scopes are capped."""
import secrets

from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.http import HttpResponseForbidden, JsonResponse
from django.views.decorators.http import require_POST

from .models import PartnerApiKey

SIGNUP_GROUP = "partners"


def effective_scopes(user) -> set[str]:
    return set(user.partner_profile.scopes)


@login_required
@require_POST
def create_api_key(request):
    requested = {s.strip() for s in request.POST.get("scopes", "orders:read").split(",") if s.strip()}  # near-miss: role-from-input
    if not requested or not requested <= effective_scopes(request.user):
        return HttpResponseForbidden("requested scopes exceed your own")
    raw = secrets.token_urlsafe(32)
    key = PartnerApiKey.objects.create(
        owner=request.user, prefix=raw[:8], key_hash=make_password(raw), scopes=sorted(requested)
    )
    return JsonResponse({"id": key.pk, "key": raw, "scopes": key.scopes}, status=201)


def on_partner_signup(user) -> None:
    """Signup handler hook: group is fixed server-side, whatever the form posted."""
    user.groups.set([Group.objects.get(name=SIGNUP_GROUP)])  # near-miss: role-from-input
