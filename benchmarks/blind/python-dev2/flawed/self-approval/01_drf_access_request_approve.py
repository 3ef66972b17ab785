"""Just-in-time access requests for production databases (DRF)."""
from django.db import transaction
from django.utils import timezone
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
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
    def approve(self, request, pk=None):  # flaw: self-approval
        access_request = self.get_object()
        if access_request.status != "pending":
            return Response({"detail": "request is not pending"}, status=status.HTTP_409_CONFLICT)
        with transaction.atomic():
            access_request.status = "approved"
            access_request.approved_by = request.user
            access_request.approved_at = timezone.now()
            access_request.save()
            DatabaseGrant.objects.create(
                user=access_request.requested_by,
                database=access_request.database,
                expires_at=timezone.now() + timezone.timedelta(minutes=access_request.duration_minutes),
            )
        return Response(AccessRequestSerializer(access_request).data)

    @action(detail=True, methods=["post"], permission_classes=[IsAccessApprover])
    def deny(self, request, pk=None):
        access_request = self.get_object()
        access_request.status = "denied"
        access_request.approved_by = request.user
        access_request.save(update_fields=["status", "approved_by"])
        return Response(AccessRequestSerializer(access_request).data)
