"""Accept a workspace invitation (FastAPI + SQLModel)."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException
from sqlmodel import Field, Session, SQLModel, select, update

from .deps import current_user, get_session

router = APIRouter()


class Invite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    workspace_id: int
    email: str
    role: str = "member"
    expires_at: datetime
    accepted_at: datetime | None = None


class Membership(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int
    user_id: int
    role: str


@router.post("/invites/{code}/accept")
def accept_invite(code: str, user=Depends(current_user), session: Session = Depends(get_session)):
    now = datetime.now(timezone.utc)
    invite = session.exec(select(Invite).where(Invite.code == code)).first()  # near-miss: timing-unsafe-compare
    if invite is None:
        raise HTTPException(404, "invitation not found")
    if invite.expires_at < now:
        raise HTTPException(410, "invitation expired")
    if invite.email.casefold() != user.email.casefold() or not user.email_verified:
        raise HTTPException(403, "invitation was sent to a different address")
    claimed = session.exec(
        update(Invite).where(Invite.id == invite.id, Invite.accepted_at.is_(None)).values(accepted_at=now)
    )
    if claimed.rowcount != 1:
        raise HTTPException(409, "invitation already used")
    session.add(Membership(workspace_id=invite.workspace_id, user_id=user.id, role=invite.role))  # near-miss: reusable-invite
    session.commit()
    return {"workspace_id": invite.workspace_id}
