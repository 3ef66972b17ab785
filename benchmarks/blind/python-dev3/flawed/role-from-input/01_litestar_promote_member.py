"""Litestar controller letting project maintainers manage members."""
from dataclasses import dataclass

from litestar import Controller, Request, patch
from litestar.exceptions import PermissionDeniedException


@dataclass
class MembershipPatch:
    role: str
    note: str | None = None


class MemberService:
    def __init__(self, repo):
        self.repo = repo

    async def promote_member(self, project_id: int, member_id: int, **changes) -> dict:
        member = await self.repo.get(project_id, member_id)
        member.role = changes["role"]  # flaw: role-from-input
        await self.repo.save(member)
        return {"member": member_id, "role": member.role}


class MembersController(Controller):
    path = "/projects/{project_id:int}/members"

    @patch("/{member_id:int}")
    async def update(self, request: Request, project_id: int, member_id: int, data: MembershipPatch, member_service: MemberService) -> dict:
        actor = await member_service.repo.get(project_id, request.user.id)
        if actor is None or actor.role not in ("maintainer", "owner"):
            raise PermissionDeniedException()
        return await member_service.promote_member(project_id, member_id, **data.__dict__)
