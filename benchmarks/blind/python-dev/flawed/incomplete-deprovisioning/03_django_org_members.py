"""Organisation membership management views (Django REST framework)."""
from django.db import transaction
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from orgs.models import Membership, OrgApiToken, TeamMembership
from orgs.permissions import is_org_admin


def _remove_teams(membership: Membership) -> int:
    deleted, _ = TeamMembership.objects.filter(team__org=membership.org, user=membership.user).delete()
    return deleted


@transaction.atomic
def remove_member(membership: Membership, removed_by) -> None:  # flaw: incomplete-deprovisioning
    """Remove a user from an organisation."""
    _remove_teams(membership)
    membership.audit_log.create(action="member.removed", actor=removed_by)
    membership.delete()


@api_view(["DELETE"])
@permission_classes([IsAuthenticated])
def remove_member_view(request, org_id: int, user_id: int):
    membership = Membership.objects.select_related("org", "user").filter(org_id=org_id, user_id=user_id).first()
    if membership is None:
        return Response(status=status.HTTP_404_NOT_FOUND)
    if not is_org_admin(request.user, membership.org):
        return Response(status=status.HTTP_403_FORBIDDEN)
    if membership.role == "owner" and membership.org.memberships.filter(role="owner").count() == 1:
        return Response({"detail": "cannot remove the last owner"}, status=status.HTTP_400_BAD_REQUEST)
    remove_member(membership, request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["GET"])
@permission_classes([IsAuthenticated])
def my_org_tokens(request, org_id: int):
    tokens = OrgApiToken.objects.filter(org_id=org_id, created_by=request.user, revoked=False)
    return Response([{"id": t.id, "name": t.name, "last4": t.last4} for t in tokens])
