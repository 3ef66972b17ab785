"""Team member management for the SaaS workspace API (FastAPI)."""
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import get_current_member
from app.db import get_session
from app.invites import send_invite
from app.models import Member

router = APIRouter(prefix="/workspaces/{workspace_id}/members")

Role = Literal["viewer", "editor", "admin", "owner"]


class InviteBody(BaseModel):
    email: EmailStr
    role: Role = "viewer"


class RoleUpdate(BaseModel):
    role: Role


@router.post("", status_code=201)
async def invite_member(workspace_id: int, body: InviteBody, actor: Member = Depends(get_current_member), db: AsyncSession = Depends(get_session)):
    if actor.workspace_id != workspace_id or actor.role not in ("admin", "owner"):
        raise HTTPException(status_code=403)
    invite = await send_invite(db, workspace_id=workspace_id, email=body.email, role=body.role, invited_by=actor.id)  # flaw: role-from-input
    return {"invite_id": invite.id}


@router.patch("/{member_id}")
async def change_role(workspace_id: int, member_id: int, body: RoleUpdate, actor: Member = Depends(get_current_member), db: AsyncSession = Depends(get_session)):
    if actor.workspace_id != workspace_id or actor.role not in ("admin", "owner"):
        raise HTTPException(status_code=403)
    member = await db.scalar(select(Member).where(Member.id == member_id, Member.workspace_id == workspace_id))
    if member is None:
        raise HTTPException(status_code=404)
    if member.role == "owner" and actor.role != "owner":
        raise HTTPException(status_code=403, detail="only owners can change an owner")
    member.role = body.role  # flaw: role-from-input
    await db.commit()
    return {"id": member.id, "role": member.role}
