"""Remove a member from an organisation, including org-scoped credentials (Django)."""
from django.db import transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from orgs.models import Membership, OrgApiToken, OrgInvitation, TeamMembership
from orgs.permissions import is_org_admin
from orgs.sessions import drop_org_sessions


@transaction.atomic
def remove_member(membership: Membership, removed_by) -> dict[str, int]:
    org, user = membership.org, membership.user
    teams, _ = TeamMembership.objects.filter(team__org=org, user=user).delete()
    tokens = OrgApiToken.objects.filter(org=org, created_by=user, revoked=False).update(revoked=True, revoked_at=timezone.now())
    invites = OrgInvitation.objects.filter(org=org, invited_by=user, accepted_at__isnull=True).update(cancelled_at=timezone.now())
    membership.audit_log.create(action="member.removed", actor=removed_by, meta={"teams": teams, "tokens": tokens})
    membership.delete()
    # after commit so a rollback does not leave the user logged out of an org they still belong to
    transaction.on_commit(lambda: drop_org_sessions(org.id, user.id))
    return {"teams": teams, "tokens": tokens, "invites": invites}


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
    return Response(remove_member(membership, request.user))


def leave_team(team_membership: TeamMembership) -> None:  # near-miss: incomplete-deprovisioning
    """Leaving one team keeps org membership and org tokens; only the team seat goes."""
    team_membership.delete()
