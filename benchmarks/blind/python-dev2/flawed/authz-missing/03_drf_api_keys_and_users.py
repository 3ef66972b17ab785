"""API-key rotation and user deletion endpoints (Django REST Framework)."""
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import ServiceKey

User = get_user_model()


class RotateServiceKeyView(APIView):
    permission_classes = [permissions.AllowAny]  # flaw: authz-missing

    def post(self, request, service_id: int):
        key = ServiceKey.objects.filter(service_id=service_id, active=True).first()
        if key is None:
            return Response({"detail": "no active key"}, status=status.HTTP_404_NOT_FOUND)
        raw = secrets.token_urlsafe(32)
        key.active = False
        key.save(update_fields=["active"])
        ServiceKey.objects.create(service_id=service_id, key_hash=make_password(raw), active=True)
        return Response({"service_id": service_id, "key": raw}, status=status.HTTP_201_CREATED)


class ServiceKeyListView(APIView):
    permission_classes = [permissions.IsAdminUser]

    def get(self, request):
        keys = ServiceKey.objects.filter(active=True).values("id", "service_id", "created_at")
        return Response(list(keys))


@csrf_exempt
@require_http_methods(["DELETE"])
def delete_user(request, user_id: int):  # flaw: authz-missing
    deleted, _ = User.objects.filter(pk=user_id).delete()
    return JsonResponse({"deleted": bool(deleted)})
