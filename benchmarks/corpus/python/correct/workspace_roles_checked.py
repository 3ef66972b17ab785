"""Workspace membership endpoints (FastAPI): role changes are bounded by the actor's own role."""

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..db import get_db
from ..deps import current_user, require_workspace_admin
from ..models import Invite, Member, User

router = APIRouter(prefix="/workspaces")
ROLE_RANK = {"viewer": 0, "member": 1, "admin": 2, "owner": 3}
DEFAULT_ROLE = "viewer"  # ok: IDG130


class InviteIn(BaseModel):
    email: str
    role: Literal["viewer", "member", "admin"] = "viewer"  # ok: IDG130


class RoleChange(BaseModel):
    role: Literal["viewer", "member", "admin"]


def actor_rank(db: Session, workspace_id: int, user: User) -> int:
    member = db.query(Member).filter_by(workspace_id=workspace_id, user_id=user.id).one_or_none()
    if member is None:
        raise HTTPException(403)
    return ROLE_RANK[member.role]


@router.post("/{workspace_id}/invites")
def create_invite(workspace_id: int, body: InviteIn, db: Session = Depends(get_db), user: User = Depends(current_user)):
    if ROLE_RANK[body.role] > actor_rank(db, workspace_id, user):
        raise HTTPException(403, "cannot invite above your own role")
    invite = Invite(workspace_id=workspace_id, email=body.email, role=body.role, invited_by=user.id)  # ok: IDG134
    db.add(invite)
    db.commit()
    return {"id": invite.id}


@router.put("/{workspace_id}/members/{member_id}/role")
def change_role(workspace_id: int, member_id: int, body: RoleChange, db: Session = Depends(get_db), admin: User = Depends(require_workspace_admin)):
    member = db.get(Member, member_id)
    if member is None or member.workspace_id != workspace_id:
        raise HTTPException(404)
    member.role = body.role  # ok: IDG134
    db.commit()
    return {"ok": True}


def is_workspace_admin(member: Member) -> bool:
    return member.role in ("admin", "owner")  # ok: IDG130
