"""Litestar controller: members can only grant roles up to their own."""
from dataclasses import dataclass

from litestar import Controller, Request, patch
from litestar.exceptions import PermissionDeniedException

RANK = {"viewer": 0, "developer": 1, "maintainer": 2, "owner": 3}


@dataclass
class MembershipPatch:
    role: str


class MemberService:
    def __init__(self, repo):
        self.repo = repo

    async def promote_member(self, actor, project_id: int, member_id: int, role: str) -> dict:
        if role not in RANK or RANK[role] > RANK[actor.role]:
            raise PermissionDeniedException("cannot grant a role above your own")
        member = await self.repo.get(project_id, member_id)
        member.role = role  # near-miss: role-from-input
        await self.repo.save(member)
        return {"member": member_id, "role": role}


class MembersController(Controller):
    path = "/projects/{project_id:int}/members"

    @patch("/{member_id:int}")
    async def update(self, request: Request, project_id: int, member_id: int, data: MembershipPatch, member_service: MemberService) -> dict:
        actor = await member_service.repo.get(project_id, request.user.id)
        if actor is None or actor.role not in ("maintainer", "owner"):
            raise PermissionDeniedException()
        return await member_service.promote_member(actor, project_id, member_id, data.role)
