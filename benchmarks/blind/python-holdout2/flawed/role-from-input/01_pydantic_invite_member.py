"""Litestar endpoint that adds a member to an organisation."""
from typing import Literal

from litestar import Request, post
from litestar.exceptions import NotAuthorizedException
from pydantic import BaseModel, EmailStr

from .repo import OrgRepository

Role = Literal["viewer", "editor", "admin", "owner"]


class AddMemberIn(BaseModel):
    email: EmailStr
    role: Role = "viewer"


def _require_org_admin(request: Request, org_id: int, repo: OrgRepository) -> None:
    membership = repo.membership(org_id, request.user.id)
    if membership is None or membership.role not in ("admin", "owner"):
        raise NotAuthorizedException("admin role required")


@post("/orgs/{org_id:int}/members")
async def add_member(org_id: int, data: AddMemberIn, request: Request, repo: OrgRepository) -> dict:
    _require_org_admin(request, org_id, repo)
    user = await repo.get_or_invite_user(data.email)
    granted_role = data.role
    await repo.upsert_membership(org_id, user.id, role=granted_role)  # flaw: role-from-input
    return {"user_id": user.id, "role": granted_role}
