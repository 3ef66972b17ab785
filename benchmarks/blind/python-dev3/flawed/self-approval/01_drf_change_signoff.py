"""DRF viewset for infrastructure change tickets requiring a sign-off."""
from django.utils import timezone
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import ChangeTicket
from .serializers import ChangeTicketSerializer


class ChangeTicketViewSet(viewsets.ModelViewSet):
    queryset = ChangeTicket.objects.all()
    serializer_class = ChangeTicketSerializer
    permission_classes = [permissions.IsAuthenticated]

    def perform_create(self, serializer):
        serializer.save(author=self.request.user, state="pending")

    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off_change(self, request, pk=None):  # flaw: self-approval
        ticket = self.get_object()
        if not request.user.has_perm("changes.sign_off"):
            return Response({"detail": "forbidden"}, status=403)
        ticket.state = "approved"
        ticket.signed_off_by = request.user
        ticket.signed_off_at = timezone.now()
        ticket.save(update_fields=["state", "signed_off_by", "signed_off_at"])
        return Response({"state": ticket.state})
