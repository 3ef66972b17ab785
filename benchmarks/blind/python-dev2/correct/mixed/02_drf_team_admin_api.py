"""Team administration API for the project-management product (Django REST Framework)."""
import logging

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .models import ApiToken, ElevationRequest, OAuthGrant, Team, TeamMembership, WebhookSubscription

log = logging.getLogger("teams.admin")
User = get_user_model()

ROLE_RANK = {"guest": 0, "member": 1, "maintainer": 2, "admin": 3}


def actor_role(team_id: int, user) -> str | None:
    m = TeamMembership.objects.filter(team_id=team_id, user=user).only("role").first()
    return m.role if m else None


def ensure_can_grant(team_id: int, actor, role: str) -> None:
    if role not in ROLE_RANK:
        raise ValidationError({"role": "unknown role"})
    current = actor_role(team_id, actor)
    if current is None or ROLE_RANK[current] < ROLE_RANK["maintainer"]:
        raise PermissionDenied("maintainers or admins only")
    if ROLE_RANK[role] > ROLE_RANK[current] or (role == "admin" and current != "admin"):
        raise PermissionDenied("you cannot grant a role above your own")


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMembership
        fields = ["id", "team", "user", "role", "joined_at"]
        read_only_fields = ["team", "role", "joined_at"]


class ElevationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ElevationRequest
        fields = ["id", "team", "requested_role", "justification", "status", "requested_by", "decided_by"]
        read_only_fields = ["status", "requested_by", "decided_by"]


class ElevationRequestViewSet(viewsets.ModelViewSet):
    serializer_class = ElevationSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post"]

    def get_queryset(self):
        return ElevationRequest.objects.filter(team__memberships__user=self.request.user)

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        with transaction.atomic():
            elevation = ElevationRequest.objects.select_for_update().get(pk=self.get_object().pk)
            if elevation.requested_by_id == request.user.id:  # near-miss: self-approval
                raise PermissionDenied("you cannot approve your own elevation")
            if actor_role(elevation.team_id, request.user) != "admin":
                raise PermissionDenied("team admins only")
            if elevation.status != "pending":
                return Response({"detail": "already decided"}, status=status.HTTP_409_CONFLICT)
            elevation.status = "approved"
            elevation.decided_by = request.user
            elevation.save(update_fields=["status", "decided_by"])
            TeamMembership.objects.filter(team=elevation.team, user=elevation.requested_by).update(role=elevation.requested_role)
        return Response(ElevationSerializer(elevation).data)


def _end_sessions(user) -> int:
    ended = 0
    for s in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if s.get_decoded().get("_auth_user_id") == str(user.pk):
            s.delete()
            ended += 1
    return ended


@api_view(["POST"])
@permission_classes([permissions.IsAdminUser])
def deactivate_user(request, user_id: int):
    """Company-wide deactivation (staff only); removes every kind of access we issue."""
    user = User.objects.get(pk=user_id)
    now = timezone.now()
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        summary = {
            "memberships": TeamMembership.objects.filter(user=user).delete()[0],
            "api_tokens": ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now),
            "oauth_grants": OAuthGrant.objects.filter(user=user, revoked=False).update(revoked=True),
            "webhooks": WebhookSubscription.objects.filter(created_by=user, active=True).update(active=False),
            "sessions": _end_sessions(user),
        }
    log.info("user %s deactivated by %s: %s", user_id, request.user.pk, summary)
    return Response({"user": user_id, "active": False, **summary})


@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated])
def transfer_team_ownership(request, team_id: int):
    team = Team.objects.get(pk=team_id)
    if team.owner_id != request.user.id:
        raise PermissionDenied("only the current owner can transfer the team")
    new_owner = User.objects.get(pk=request.data["user_id"], is_active=True)
    with transaction.atomic():
        TeamMembership.objects.update_or_create(team=team, user=new_owner, defaults={"role": "admin"})
        team.owner = new_owner
        team.save(update_fields=["owner"])
    return Response({"team": team.id, "owner": new_owner.pk})


@api_view(["PATCH"])
@permission_classes([permissions.IsAuthenticated])
def update_member_role(request, team_id: int, membership_id: int):
    membership = TeamMembership.objects.get(pk=membership_id, team_id=team_id)
    new_role = request.data.get("role")  # near-miss: role-from-input
    ensure_can_grant(team_id, request.user, new_role)
    ensure_can_grant(team_id, request.user, membership.role)
    membership.role = new_role  # near-miss: role-from-input
    membership.save(update_fields=["role"])
    return Response(MembershipSerializer(membership).data)
