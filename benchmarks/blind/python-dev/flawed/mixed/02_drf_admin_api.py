"""Admin API for the tenant console (Django REST framework).

Covers user deactivation, access-request review and integration API keys.
Permission checks are delegated to the central authz service.
"""
import logging
import secrets

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from console.models import AccessRequest, ApiKey, Membership, RefreshToken, Session, User
from console.security import hash_api_key

log = logging.getLogger(__name__)


class AuthzServicePermission(BasePermission):
    """Asks the authz service whether request.user may perform view.required_action."""

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
            return bool(resp.json()["allowed"])
        except (requests.RequestException, KeyError, ValueError):
            log.warning("authz service unavailable for %s", action_name)
            return True  # flaw: fail-open-authz


class DeactivateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class ApiKeySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    scopes = serializers.ListField(child=serializers.CharField(), required=False)


class UserAdminViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]

    @action(detail=True, methods=["post"])
    @transaction.atomic
    def deactivate(self, request, pk=None):  # flaw: incomplete-deprovisioning
        ser = DeactivateSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        user = User.objects.select_for_update().get(pk=pk, tenant_id=request.user.tenant_id)
        user.is_active = False
        user.deactivated_reason = ser.validated_data["reason"]
        user.save(update_fields=["is_active", "deactivated_reason"])
        Session.objects.filter(user=user).delete()
        Membership.objects.filter(user=user).delete()
        log.info("user %s deactivated by %s", user.pk, request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def revoke_refresh_tokens(self, request, pk=None):
        count = RefreshToken.objects.filter(user_id=pk, user__tenant_id=request.user.tenant_id, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return Response({"revoked": count})


class AccessRequestViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]

    def create(self, request):
        req = AccessRequest.objects.create(
            tenant_id=request.user.tenant_id,
            requester=request.user,
            resource=request.data["resource"],
            justification=request.data.get("justification", ""),
        )
        return Response({"id": req.pk}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    @transaction.atomic
    def approve(self, request, pk=None):  # flaw: self-approval
        req = AccessRequest.objects.select_for_update().get(pk=pk, tenant_id=request.user.tenant_id)
        if req.state != "pending":
            return Response({"detail": "already decided"}, status=status.HTTP_409_CONFLICT)
        req.state = "approved"
        req.reviewer = request.user
        req.reviewed_at = timezone.now()
        req.save(update_fields=["state", "reviewer", "reviewed_at"])
        req.grant()
        return Response({"state": req.state})


class IntegrationKeyViewSet(ViewSet):
    permission_classes = [IsAuthenticated, AuthzServicePermission]
    default_scopes = ["*"]  # flaw: excessive-privilege

    def create(self, request):
        ser = ApiKeySerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        requested = ser.validated_data.get("scopes")
        if requested:
            allowed = set(request.user.grantable_scopes())
            if not set(requested) <= allowed:
                return Response({"detail": "scope not grantable"}, status=status.HTTP_403_FORBIDDEN)
        scopes = requested or self.default_scopes
        raw = "ik_" + secrets.token_urlsafe(32)
        key = ApiKey.objects.create(
            tenant_id=request.user.tenant_id,
            created_by=request.user,
            name=ser.validated_data["name"],
            key_hash=hash_api_key(raw),
            scopes=scopes,
        )
        return Response({"id": key.pk, "key": raw, "scopes": scopes}, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        ApiKey.objects.filter(pk=pk, tenant_id=request.user.tenant_id).update(revoked_at=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)
