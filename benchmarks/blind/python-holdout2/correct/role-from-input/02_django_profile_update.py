"""Django class-based views for user profile management."""
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

EDITABLE_FIELDS = ("first_name", "last_name", "email")
SELF_SERVICE_GROUPS = {"newsletter", "beta-features"}


@method_decorator(login_required, name="dispatch")
class ProfileView(View):
    def patch(self, request: HttpRequest):
        payload = json.loads(request.body or "{}")
        user = request.user
        for field in EDITABLE_FIELDS:
            if field in payload:
                setattr(user, field, payload[field])  # near-miss: role-from-input
        user.save()
        wanted = set(payload.get("groups", [])) & SELF_SERVICE_GROUPS
        for group in user.groups.model.objects.filter(name__in=wanted):
            user.groups.add(group)  # near-miss: role-from-input
        return JsonResponse({"ok": True})
