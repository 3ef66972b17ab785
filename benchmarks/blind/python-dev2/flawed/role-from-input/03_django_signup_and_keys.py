"""Partner signup and API-key creation views (Django)."""
import secrets

from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.contrib.auth.hashers import make_password
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from .models import PartnerApiKey

User = get_user_model()


@require_POST
def partner_signup(request):
    email = request.POST.get("email", "").strip().lower()
    password = request.POST.get("password", "")
    if not email or len(password) < 12:
        return HttpResponseBadRequest("email and a 12+ character password are required")
    user = User.objects.create_user(username=email, email=email, password=password)
    requested = request.POST.getlist("groups") or ["partners"]
    user.groups.set(Group.objects.filter(name__in=requested))  # flaw: role-from-input
    login(request, user)
    return JsonResponse({"id": user.pk}, status=201)


@login_required
@require_POST
def create_api_key(request):
    scopes = [s.strip() for s in request.headers.get("X-Key-Scopes", "orders:read").split(",") if s.strip()]
    raw = secrets.token_urlsafe(32)
    key = PartnerApiKey.objects.create(  # flaw: role-from-input
        owner=request.user,
        prefix=raw[:8],
        key_hash=make_password(raw),
        scopes=scopes,
    )
    return JsonResponse({"id": key.pk, "key": raw, "scopes": key.scopes}, status=201)
