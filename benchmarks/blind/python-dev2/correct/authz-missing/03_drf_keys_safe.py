"""API-key rotation, login and user deletion (Django REST Framework)."""
import secrets

from django.contrib.auth import authenticate, get_user_model, login
from django.contrib.auth.hashers import make_password
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .models import ServiceKey

User = get_user_model()


class IsServiceOwner(permissions.BasePermission):
    def has_permission(self, request, view):
        service_id = view.kwargs.get("service_id")
        return request.user.is_authenticated and request.user.owned_services.filter(pk=service_id).exists()


class RotateServiceKeyView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsServiceOwner]

    def post(self, request, service_id: int):
        raw = secrets.token_urlsafe(32)
        ServiceKey.objects.filter(service_id=service_id, active=True).update(active=False)
        ServiceKey.objects.create(service_id=service_id, key_hash=make_password(raw), active=True)
        return Response({"service_id": service_id, "key": raw}, status=status.HTTP_201_CREATED)


class LoginView(APIView):
    permission_classes = [permissions.AllowAny]  # near-miss: authz-missing
    throttle_classes = [AnonRateThrottle]

    def post(self, request):
        user = authenticate(request, username=request.data.get("username"), password=request.data.get("password"))
        if user is None:
            return Response({"detail": "invalid credentials"}, status=status.HTTP_401_UNAUTHORIZED)
        login(request, user)
        return Response({"id": user.pk})


class UserDetailView(APIView):
    permission_classes = [permissions.IsAdminUser]

    def delete(self, request, user_id: int):
        if user_id == request.user.pk:
            return Response({"detail": "cannot delete yourself"}, status=status.HTTP_409_CONFLICT)
        deleted, _ = User.objects.filter(pk=user_id).delete()
        return Response(status=status.HTTP_204_NO_CONTENT if deleted else status.HTTP_404_NOT_FOUND)

