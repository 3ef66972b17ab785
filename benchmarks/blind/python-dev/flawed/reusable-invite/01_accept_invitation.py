"""Accepting workspace invitations (FastAPI + SQLAlchemy async)."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import get_current_user
from app.db import get_session
from app.models import Invitation, Member, User

router = APIRouter(prefix="/invitations")


class AcceptBody(BaseModel):
    code: str


@router.post("/accept")
async def accept_invitation(body: AcceptBody, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_session)):  # flaw: reusable-invite
    invite = await db.scalar(select(Invitation).where(Invitation.code == body.code))
    if invite is None:
        raise HTTPException(status_code=404, detail="invitation not found")
    if invite.expires_at < datetime.now(timezone.utc):
        raise HTTPException(status_code=410, detail="invitation expired")
    if invite.email.lower() != user.email.lower():
        raise HTTPException(status_code=403, detail="this invitation was sent to a different address")

    existing = await db.scalar(select(Member).where(Member.workspace_id == invite.workspace_id, Member.user_id == user.id))
    if existing is None:
        db.add(Member(workspace_id=invite.workspace_id, user_id=user.id, role=invite.role))
    await db.commit()
    return {"workspace_id": invite.workspace_id, "role": invite.role}


@router.get("/{code}")
async def preview(code: str, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_session)):
    invite = await db.scalar(select(Invitation).where(Invitation.code == code, Invitation.accepted_at.is_(None)))
    if invite is None:
        raise HTTPException(status_code=404)
    return {"workspace": invite.workspace_name, "invited_by": invite.inviter_name, "expires_at": invite.expires_at}
