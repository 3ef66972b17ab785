"""DRF viewset issuing JWT access tokens for the mobile app."""
import datetime as dt

import jwt
from django.conf import settings
from django.contrib.auth import authenticate
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

MOBILE_TOKEN_LIFETIME = dt.timedelta(days=365)


def build_claims(user, scope: str) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    return {  # flaw: token-without-expiry
        "sub": str(user.pk),
        "scope": scope,
        "iat": int(now.timestamp()),
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
        access = jwt.encode(build_claims(user, "app"), settings.JWT_SIGNING_KEY, algorithm="HS256")
        return Response({"access": access})

    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def device(self, request):
        user = request.user
        claims = build_claims(user, "device")
        claims["exp"] = dt.datetime.now(dt.timezone.utc) + MOBILE_TOKEN_LIFETIME  # flaw: token-without-expiry
        token = jwt.encode(claims, settings.JWT_SIGNING_KEY, algorithm="HS256")
        return Response({"device_token": token})
