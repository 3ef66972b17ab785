"""Django class-based views for user profile management."""
import json

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

EDITABLE_FIELDS = ("first_name", "last_name", "email", "is_staff")


@method_decorator(login_required, name="dispatch")
class ProfileView(View):
    def get(self, request: HttpRequest):
        u = request.user
        return JsonResponse({"first_name": u.first_name, "email": u.email,
                             "groups": list(u.groups.values_list("name", flat=True))})

    def patch(self, request: HttpRequest):
        payload = json.loads(request.body or "{}")
        user = request.user
        for field in EDITABLE_FIELDS:
            if field in payload:
                setattr(user, field, payload[field])  # flaw: role-from-input
        user.save()
        for name in payload.get("groups", []):
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)  # flaw: role-from-input
        return JsonResponse({"ok": True})
