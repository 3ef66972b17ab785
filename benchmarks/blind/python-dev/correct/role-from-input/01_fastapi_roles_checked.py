"""Workspace role changes restricted to roles the actor may grant."""
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import get_current_member
from app.db import get_session
from app.models import Member

router = APIRouter(prefix="/workspaces/{workspace_id}/members")

Role = Literal["viewer", "editor", "admin", "owner"]
RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}
GRANTABLE = {"owner": {"viewer", "editor", "admin", "owner"}, "admin": {"viewer", "editor"}}


class RoleUpdate(BaseModel):
    role: Role


def ensure_can_grant(actor: Member, target_current: str, new_role: str) -> None:
    if new_role not in GRANTABLE.get(actor.role, set()):
        raise HTTPException(status_code=403, detail=f"{actor.role} cannot grant {new_role}")
    if RANK[target_current] >= RANK[actor.role] and actor.role != "owner":
        raise HTTPException(status_code=403, detail="cannot change a member at or above your level")


@router.patch("/{member_id}")
async def change_role(workspace_id: int, member_id: int, body: RoleUpdate, actor: Member = Depends(get_current_member), db: AsyncSession = Depends(get_session)):
    if actor.workspace_id != workspace_id:
        raise HTTPException(status_code=403)
    member = await db.scalar(select(Member).where(Member.id == member_id, Member.workspace_id == workspace_id))
    if member is None:
        raise HTTPException(status_code=404)
    ensure_can_grant(actor, member.role, body.role)
    member.role = body.role  # near-miss: role-from-input
    await db.commit()
    return {"id": member.id, "role": member.role}
