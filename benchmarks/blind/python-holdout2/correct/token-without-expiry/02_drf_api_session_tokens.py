"""DRF viewset issuing short-lived JWT access tokens for the mobile app."""
import datetime as dt

import jwt
from django.conf import settings
from django.contrib.auth import authenticate
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

ACCESS_LIFETIME = dt.timedelta(minutes=15)
DEVICE_LIFETIME = dt.timedelta(hours=12)


def build_claims(user, scope: str, lifetime: dt.timedelta) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    return {
        "sub": str(user.pk),
        "scope": scope,
        "iat": now,
        "exp": now + lifetime,  # near-miss: token-without-expiry
        "iss": "mobile-api",
    }


class MobileTokenViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]

    @action(detail=False, methods=["post"])
    def login(self, request):
        user = authenticate(request, username=request.data.get("username"),
                            password=request.data.get("password"))
        if user is None:
            return Response({"detail": "invalid credentials"}, status=status.HTTP_401_UNAUTHORIZED)
        access = jwt.encode(build_claims(user, "app", ACCESS_LIFETIME), settings.JWT_SIGNING_KEY, algorithm="HS256")
        return Response({"access": access, "expires_in": int(ACCESS_LIFETIME.total_seconds())})

    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def device(self, request):
        claims = build_claims(request.user, "device", DEVICE_LIFETIME)
        return Response({"device_token": jwt.encode(claims, settings.JWT_SIGNING_KEY, algorithm="HS256")})
