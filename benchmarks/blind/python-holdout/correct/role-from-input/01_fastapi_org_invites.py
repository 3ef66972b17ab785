"""Organisation member management with role ceilings (FastAPI)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from orgs.db import get_session
from orgs.models import Membership, User
from orgs.security import Actor, require_org_permission

router = APIRouter(prefix="/orgs/{org_id}/members")

RoleName = Literal["viewer", "editor", "admin", "owner"]
ROLE_RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}


class AddMember(BaseModel):
    email: EmailStr
    role: RoleName = "viewer"


def assignable(actor: Actor, requested: str) -> str:
    if ROLE_RANK[requested] > ROLE_RANK[actor.role] or (requested == "owner" and actor.role != "owner"):
        raise HTTPException(403, "you cannot grant a role above your own")
    return requested


@router.post("", status_code=201)
async def add_member(
    org_id: int,
    body: AddMember,
    actor: Annotated[Actor, Depends(require_org_permission("members:invite"))],
    db: Annotated[AsyncSession, Depends(get_session)],
):
    role = assignable(actor, body.role)
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None:
        raise HTTPException(404, "user must sign up first")
    membership = Membership(org_id=org_id, user_id=user.id, role=role, invited_by=actor.user_id)  # near-miss: role-from-input
    db.add(membership)
    await db.commit()
    return {"user_id": user.id, "role": membership.role}
