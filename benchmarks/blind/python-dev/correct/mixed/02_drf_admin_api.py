"""Admin API for the tenant console (Django REST framework).

Covers user deactivation, access-request review and integration API keys.
Permission checks are delegated to the central authz service and fail closed.
"""
import logging
import secrets

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from console.models import AccessRequest, ApiKey, Membership, OAuthGrant, RefreshToken, Session, User
from console.security import hash_api_key

log = logging.getLogger(__name__)


class AuthzUnavailable(APIException):
    status_code = 503
    default_detail = "authorization service unavailable"


class AuthzServicePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        action_name = getattr(view, "required_action", None) or f"{view.basename}.{view.action}"
        try:
            resp = requests.post(
                f"{settings.AUTHZ_URL}/v1/check",
                json={"subject": request.user.pk, "tenant": request.user.tenant_id, "action": action_name},
                timeout=0.8,
            )
            resp.raise_for_status()
            decision = resp.json()
        except (requests.RequestException, ValueError) as exc:
            log.warning("authz service unavailable for %s", action_name)
            raise AuthzUnavailable() from exc
        return decision.get("allowed") is True  # near-miss: fail-open-authz


class DeactivateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class ApiKeySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    scopes = serializers.ListField(child=serializers.CharField(), required=False)


class UserAdminViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]

    @action(detail=True, methods=["post"])
    @transaction.atomic
    def deactivate(self, request, pk=None):
        ser = DeactivateSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        now = timezone.now()
        user = User.objects.select_for_update().get(pk=pk, tenant_id=request.user.tenant_id)
        user.is_active = False
        user.deactivated_reason = ser.validated_data["reason"]
        user.save(update_fields=["is_active", "deactivated_reason"])
        revoked = {
            "sessions": Session.objects.filter(user=user).delete()[0],
            "memberships": Membership.objects.filter(user=user).delete()[0],
            "refresh_tokens": RefreshToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now),
            "api_keys": ApiKey.objects.filter(created_by=user, revoked_at__isnull=True).update(revoked_at=now),
            "oauth_grants": OAuthGrant.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now),
        }
        log.info("user %s deactivated by %s: %s", user.pk, request.user.pk, revoked)
        return Response(revoked)


class AccessRequestViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]

    @action(detail=True, methods=["post"])
    @transaction.atomic
    def approve(self, request, pk=None):
        req = AccessRequest.objects.select_for_update().get(pk=pk, tenant_id=request.user.tenant_id)
        if req.state != "pending":
            return Response({"detail": "already decided"}, status=status.HTTP_409_CONFLICT)
        if req.requester_id == request.user.pk:  # near-miss: self-approval
            raise PermissionDenied("requesters cannot approve their own access")
        req.state = "approved"
        req.reviewer = request.user
        req.reviewed_at = timezone.now()
        req.save(update_fields=["state", "reviewer", "reviewed_at"])
        req.grant()
        return Response({"state": req.state})


class IntegrationKeyViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]
    default_scopes = ["integrations:read"]  # near-miss: excessive-privilege

    def create(self, request):
        ser = ApiKeySerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        scopes = ser.validated_data.get("scopes") or self.default_scopes
        allowed = set(request.user.grantable_scopes())
        if not set(scopes) <= allowed:
            return Response({"detail": "scope not grantable"}, status=status.HTTP_403_FORBIDDEN)
        raw = "ik_" + secrets.token_urlsafe(32)
        key = ApiKey.objects.create(
            tenant_id=request.user.tenant_id,
            created_by=request.user,
            name=ser.validated_data["name"],
            key_hash=hash_api_key(raw),
            scopes=scopes,
        )
        return Response({"id": key.pk, "key": raw, "scopes": scopes}, status=status.HTTP_201_CREATED)
