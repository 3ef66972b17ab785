"""Organisation member management (FastAPI)."""
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


class AddMember(BaseModel):
    email: EmailStr
    role: RoleName = "viewer"


class UpdateMember(BaseModel):
    role: RoleName


@router.post("", status_code=201)
async def add_member(
    org_id: int,
    body: AddMember,
    actor: Annotated[Actor, Depends(require_org_permission("members:invite"))],
    db: Annotated[AsyncSession, Depends(get_session)],
):
    user = await db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None:
        raise HTTPException(404, "user must sign up first")
    existing = await db.scalar(select(Membership).where(Membership.org_id == org_id, Membership.user_id == user.id))
    if existing is not None:
        raise HTTPException(409, "already a member")
    membership = Membership(org_id=org_id, user_id=user.id, role=body.role, invited_by=actor.user_id)  # flaw: role-from-input
    db.add(membership)
    await db.commit()
    return {"user_id": user.id, "role": membership.role}


@router.patch("/{user_id}")
async def update_member(
    org_id: int,
    user_id: int,
    body: UpdateMember,
    actor: Annotated[Actor, Depends(require_org_permission("members:manage"))],
    db: Annotated[AsyncSession, Depends(get_session)],
):
    membership = await db.scalar(select(Membership).where(Membership.org_id == org_id, Membership.user_id == user_id))
    if membership is None:
        raise HTTPException(404)
    if membership.user_id == actor.user_id:
        raise HTTPException(400, "you cannot change your own role")
    membership.role = body.role  # flaw: role-from-input
    await db.commit()
    return {"user_id": user_id, "role": membership.role}
