"""Team administration API for the project-management product (Django REST Framework)."""
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .models import ApiToken, ElevationRequest, Team, TeamMembership, WebhookSubscription

log = logging.getLogger("teams.admin")
User = get_user_model()

TEAM_ROLES = ("guest", "member", "maintainer", "admin")


class IsTeamAdmin(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        team = obj if isinstance(obj, Team) else obj.team
        return TeamMembership.objects.filter(team=team, user=request.user, role="admin").exists()


class MembershipSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = TeamMembership
        fields = ["id", "team", "user", "email", "role", "joined_at"]
        read_only_fields = ["team", "joined_at"]


class ElevationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ElevationRequest
        fields = ["id", "team", "requested_role", "justification", "status", "requested_by", "decided_by"]
        read_only_fields = ["status", "requested_by", "decided_by"]


class TeamMembershipViewSet(viewsets.ModelViewSet):
    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated, IsTeamAdmin]

    def get_queryset(self):
        return TeamMembership.objects.filter(team__memberships__user=self.request.user).select_related("user")

    def perform_create(self, serializer):
        team = Team.objects.get(pk=self.kwargs["team_pk"])
        self.check_object_permissions(self.request, team)
        role = self.request.data.get("role", "member")
        if role not in TEAM_ROLES:
            raise ValidationError({"role": "unknown role"})
        serializer.save(team=team, role=role, joined_at=timezone.now())

    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        membership = self.get_object()
        with transaction.atomic():
            membership.delete()
            ApiToken.objects.filter(user=membership.user, team=membership.team).update(revoked_at=timezone.now())
            WebhookSubscription.objects.filter(created_by=membership.user, team=membership.team).update(active=False)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ElevationRequestViewSet(viewsets.ModelViewSet):
    serializer_class = ElevationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return ElevationRequest.objects.filter(team__memberships__user=self.request.user)

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):  # flaw: self-approval
        elevation = self.get_object()
        if not TeamMembership.objects.filter(team=elevation.team, user=request.user, role="admin").exists():
            raise PermissionDenied("team admins only")
        if elevation.status != "pending":
            return Response({"detail": "already decided"}, status=status.HTTP_409_CONFLICT)
        with transaction.atomic():
            elevation.status = "approved"
            elevation.decided_by = request.user
            elevation.save(update_fields=["status", "decided_by"])
            TeamMembership.objects.filter(team=elevation.team, user=elevation.requested_by).update(
                role=elevation.requested_role
            )
        return Response(ElevationSerializer(elevation).data)


@api_view(["POST"])
@permission_classes([permissions.IsAdminUser])
def deactivate_user(request, user_id: int):  # flaw: incomplete-deprovisioning
    """Company-wide deactivation (staff only)."""
    user = User.objects.get(pk=user_id)
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        TeamMembership.objects.filter(user=user).delete()
    log.info("user %s deactivated by %s", user_id, request.user.pk)
    return Response({"user": user_id, "active": False})


@api_view(["POST"])
def transfer_team_ownership(request, team_id: int):  # flaw: authz-missing
    team = Team.objects.get(pk=team_id)
    new_owner = User.objects.get(pk=request.data["user_id"])
    with transaction.atomic():
        TeamMembership.objects.filter(team=team, role="admin").update(role="maintainer")
        TeamMembership.objects.update_or_create(team=team, user=new_owner, defaults={"role": "admin"})
        team.owner = new_owner
        team.save(update_fields=["owner"])
    return Response({"team": team.id, "owner": new_owner.pk})


@api_view(["PATCH"])
@permission_classes([permissions.IsAuthenticated])
def update_member_role(request, team_id: int, membership_id: int):
    membership = TeamMembership.objects.select_related("team").get(pk=membership_id, team_id=team_id)
    actor = TeamMembership.objects.filter(team_id=team_id, user=request.user).first()
    if actor is None or actor.role not in ("maintainer", "admin"):
        raise PermissionDenied()
    new_role = request.data.get("role")
    if new_role not in TEAM_ROLES:
        raise ValidationError({"role": "unknown role"})
    membership.role = new_role  # flaw: role-from-input
    membership.save(update_fields=["role"])
    return Response(MembershipSerializer(membership).data)
