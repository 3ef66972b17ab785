"""Accept a workspace invitation (FastAPI + SQLModel)."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException
from sqlmodel import Field, Session, SQLModel, select

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


def _load_invite(session: Session, code: str) -> Invite:
    invite = session.exec(select(Invite).where(Invite.code == code)).first()
    if invite is None:
        raise HTTPException(404, "invitation not found")
    if invite.expires_at < datetime.now(timezone.utc):
        raise HTTPException(410, "invitation expired")
    return invite


@router.post("/invites/{code}/accept")
def accept_invite(code: str, user=Depends(current_user), session: Session = Depends(get_session)):  # flaw: reusable-invite
    invite = _load_invite(session, code)
    session.add(Membership(workspace_id=invite.workspace_id, user_id=user.id, role=invite.role))
    invite.accepted_at = datetime.now(timezone.utc)
    session.add(invite)
    session.commit()
    return {"workspace_id": invite.workspace_id}
