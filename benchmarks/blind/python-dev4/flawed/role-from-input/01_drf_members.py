"""DRF viewset for organisation members in the Ashgrove analytics suite."""
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import OrgMember
from .permissions import IsOrgAdmin


class OrgMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgMember
        fields = ["id", "user", "org", "role", "joined_at"]
        read_only_fields = ["id", "org", "role", "joined_at"]


class OrgMemberViewSet(viewsets.ModelViewSet):
    serializer_class = OrgMemberSerializer
    permission_classes = [permissions.IsAuthenticated, IsOrgAdmin]

    def get_queryset(self):
        return OrgMember.objects.filter(org_id=self.kwargs["org_pk"])

    @action(detail=True, methods=["post"], url_path="change-role")
    def change_role(self, request, org_pk=None, pk=None):
        member = self.get_object()
        new_role = request.data.get("role", member.role)
        member.role = new_role  # flaw: role-from-input
        member.save(update_fields=["role"])
        return Response(OrgMemberSerializer(member).data, status=status.HTTP_200_OK)
