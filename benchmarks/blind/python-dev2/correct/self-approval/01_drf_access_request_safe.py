"""Just-in-time access requests for production databases (DRF)."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .models import AccessRequest, DatabaseGrant


class IsAccessApprover(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.has_perm("access.approve_accessrequest")


class AccessRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessRequest
        fields = ["id", "database", "reason", "duration_minutes", "status", "requested_by", "approved_by"]
        read_only_fields = ["status", "requested_by", "approved_by"]


class AccessRequestViewSet(viewsets.ModelViewSet):
    serializer_class = AccessRequestSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = AccessRequest.objects.select_related("requested_by")

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"], permission_classes=[IsAccessApprover])
    def approve(self, request, pk=None):
        with transaction.atomic():
            access_request = AccessRequest.objects.select_for_update().get(pk=self.get_object().pk)
            if access_request.requested_by_id == request.user.id:  # near-miss: self-approval
                raise PermissionDenied("you cannot approve your own access request")
            if access_request.status != "pending":
                return Response({"detail": "request is not pending"}, status=status.HTTP_409_CONFLICT)
            access_request.status = "approved"
            access_request.approved_by = request.user
            access_request.approved_at = timezone.now()
            access_request.save()
            DatabaseGrant.objects.create(
                user=access_request.requested_by,
                database=access_request.database,
                expires_at=timezone.now() + timedelta(minutes=access_request.duration_minutes),
            )
        return Response(AccessRequestSerializer(access_request).data)

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Requesters may withdraw (not approve) their own pending request."""
        access_request = self.get_object()
        if access_request.requested_by_id != request.user.id or access_request.status != "pending":
            raise PermissionDenied("only the requester can withdraw a pending request")
        access_request.status = "withdrawn"
        access_request.save(update_fields=["status"])
        return Response(AccessRequestSerializer(access_request).data)
