"""Litestar endpoint that adds a member to an organisation."""
from typing import Literal

from litestar import Request, post
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from pydantic import BaseModel, EmailStr

from .repo import OrgRepository

Role = Literal["viewer", "editor", "admin", "owner"]
ROLE_RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}


class AddMemberIn(BaseModel):
    email: EmailStr
    role: Role = "viewer"


def _actor_role(request: Request, org_id: int, repo: OrgRepository) -> str:
    membership = repo.membership(org_id, request.user.id)
    if membership is None or membership.role not in ("admin", "owner"):
        raise NotAuthorizedException("admin role required")
    return membership.role


@post("/orgs/{org_id:int}/members")
async def add_member(org_id: int, data: AddMemberIn, request: Request, repo: OrgRepository) -> dict:
    actor_role = _actor_role(request, org_id, repo)
    if ROLE_RANK[data.role] > ROLE_RANK[actor_role] or (data.role == "owner" and actor_role != "owner"):
        raise PermissionDeniedException("cannot grant a role above your own")
    user = await repo.get_or_invite_user(data.email)
    await repo.upsert_membership(org_id, user.id, role=data.role)  # near-miss: role-from-input
    return {"user_id": user.id, "role": data.role}
