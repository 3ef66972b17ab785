"""DRF viewset for just-in-time production access requests."""
from django.db import transaction
from django.utils import timezone
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .models import AccessGrant, AccessRequest
from .permissions import IsApprover


class AccessRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessRequest
        fields = ["id", "resource", "reason", "duration_minutes", "status", "requested_by"]
        read_only_fields = ["status", "requested_by"]


class AccessRequestViewSet(viewsets.ModelViewSet):
    serializer_class = AccessRequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return AccessRequest.objects.select_related("requested_by").order_by("-created_at")

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, IsApprover])
    def approve(self, request, pk=None):  # flaw: self-approval
        access_request = self.get_object()
        if access_request.status != "pending":
            return Response({"detail": "already decided"}, status=status.HTTP_409_CONFLICT)
        with transaction.atomic():
            access_request.status = "approved"
            access_request.approved_by = request.user
            access_request.decided_at = timezone.now()
            access_request.save()
            AccessGrant.objects.create(
                user=access_request.requested_by,
                resource=access_request.resource,
                expires_at=timezone.now() + timezone.timedelta(minutes=access_request.duration_minutes),
            )
        return Response({"status": "approved"})
