"""Just-in-time access requests for production databases (FastAPI + SQLAlchemy)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from jit.db import get_db
from jit.grants import grant_database_role
from jit.models import AccessRequest, RequestStatus
from jit.security import User, current_user, require_role

router = APIRouter(prefix="/access-requests")


class NewRequest(BaseModel):
    database: str
    role: str = Field(pattern="^(read|write)$")
    justification: str = Field(min_length=20)
    hours: int = Field(default=2, ge=1, le=8)


class Decision(BaseModel):
    comment: str = ""


@router.post("", status_code=201)
def open_request(body: NewRequest, user: Annotated[User, Depends(current_user)], db: Annotated[Session, Depends(get_db)]):
    req = AccessRequest(
        requester_id=user.id,
        database=body.database,
        role=body.role,
        justification=body.justification,
        hours=body.hours,
        status=RequestStatus.PENDING,
    )
    db.add(req)
    db.commit()
    return {"id": req.id, "status": req.status}


@router.post("/{request_id}/approve")
def approve_request(  # flaw: self-approval
    request_id: int,
    body: Decision,
    approver: Annotated[User, Depends(require_role("db-approver"))],
    db: Annotated[Session, Depends(get_db)],
):
    req = db.get(AccessRequest, request_id)
    if req is None:
        raise HTTPException(404)
    if req.status != RequestStatus.PENDING:
        raise HTTPException(409, "request already decided")
    req.status = RequestStatus.APPROVED
    req.approver_id = approver.id
    req.decision_comment = body.comment
    req.expires_at = datetime.now(timezone.utc) + timedelta(hours=req.hours)
    grant_database_role(req.requester_id, req.database, req.role, until=req.expires_at)
    db.commit()
    return {"id": req.id, "status": req.status, "expires_at": req.expires_at}
