"""Workspace membership endpoints (FastAPI + SQLAlchemy)."""

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..db import get_db
from ..deps import current_user
from ..models import Invite, Member, User

router = APIRouter(prefix="/workspaces")


class InviteIn(BaseModel):
    email: str
    role: str = "owner"  # expect: IDG130


class RoleChange(BaseModel):
    role: str


@router.post("/{workspace_id}/invites")
def create_invite(workspace_id: int, body: InviteIn, db: Session = Depends(get_db), user: User = Depends(current_user)):
    invite = Invite(workspace_id=workspace_id, email=body.email, role=body.role, invited_by=user.id)  # expect: IDG134
    db.add(invite)
    db.commit()
    return {"id": invite.id}


@router.put("/{workspace_id}/members/{member_id}/role")
def change_role(workspace_id: int, member_id: int, body: RoleChange, db: Session = Depends(get_db), user: User = Depends(current_user)):
    member = db.get(Member, member_id)
    if member is None or member.workspace_id != workspace_id:
        raise HTTPException(404)
    member.role = body.role  # expect: IDG134
    db.commit()
    return {"ok": True}
