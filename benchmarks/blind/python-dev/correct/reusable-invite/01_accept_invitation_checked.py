"""Accepting workspace invitations: expiry, single use and email binding."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import get_current_user
from app.db import get_session
from app.models import Invitation, Member, User

router = APIRouter(prefix="/invitations")


class AcceptBody(BaseModel):
    code: str


@router.post("/accept")
async def accept_invitation(body: AcceptBody, user: User = Depends(get_current_user), db: AsyncSession = Depends(get_session)):  # near-miss: reusable-invite
    now = datetime.now(timezone.utc)
    invite = await db.scalar(select(Invitation).where(Invitation.code == body.code).with_for_update())
    if invite is None or invite.accepted_at is not None:
        raise HTTPException(status_code=404, detail="invitation not found")
    if invite.expires_at < now:
        raise HTTPException(status_code=410, detail="invitation expired")
    if invite.email.casefold() != user.email.casefold() or not user.email_verified:
        raise HTTPException(status_code=403, detail="this invitation was sent to a different address")

    claimed = await db.execute(
        update(Invitation).where(Invitation.id == invite.id, Invitation.accepted_at.is_(None)).values(accepted_at=now, accepted_by=user.id)
    )
    if claimed.rowcount != 1:
        raise HTTPException(status_code=409, detail="invitation already used")
    db.add(Member(workspace_id=invite.workspace_id, user_id=user.id, role=invite.role))
    await db.commit()
    return {"workspace_id": invite.workspace_id, "role": invite.role}
