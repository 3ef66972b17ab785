"""DRF role change for Ashgrove, bounded by the actor's own rank."""
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .models import OrgMember

ROLE_RANK = {"viewer": 0, "analyst": 1, "admin": 2, "owner": 3}


class RoleChangeSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=list(ROLE_RANK))


class OrgMemberViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return OrgMember.objects.filter(org_id=self.kwargs["org_pk"])

    @action(detail=True, methods=["post"], url_path="change-role")
    def change_role(self, request, org_pk=None, pk=None):
        member = self.get_object()
        ser = RoleChangeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        requested = ser.validated_data["role"]  # near-miss: role-from-input
        actor = OrgMember.objects.get(org_id=org_pk, user=request.user)
        if ROLE_RANK[actor.role] < ROLE_RANK["admin"]:
            raise PermissionDenied()
        if ROLE_RANK[requested] >= ROLE_RANK[actor.role] or ROLE_RANK[member.role] >= ROLE_RANK[actor.role]:
            raise ValidationError({"role": "cannot grant a role at or above your own"})
        member.role = requested
        member.save(update_fields=["role"])
        return Response({"id": member.id, "role": member.role})
