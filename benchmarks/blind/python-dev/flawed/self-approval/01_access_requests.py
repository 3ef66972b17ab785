"""Just-in-time access requests for production databases (FastAPI)."""
from datetime import datetime, timedelta, timezone
from enum import Enum

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import get_current_user, require_role
from app.db import get_session
from app.grants import grant_db_access
from app.models import AccessRequest

router = APIRouter(prefix="/access-requests")


class Status(str, Enum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class NewRequest(BaseModel):
    database: str
    justification: str = Field(min_length=10)
    hours: int = Field(default=2, ge=1, le=8)


@router.post("", status_code=201)
async def create_request(body: NewRequest, user=Depends(get_current_user), db: AsyncSession = Depends(get_session)):
    req = AccessRequest(requester_id=user.id, database=body.database, justification=body.justification, hours=body.hours, status=Status.pending)
    db.add(req)
    await db.commit()
    return {"id": req.id}


@router.post("/{request_id}/approve")
async def approve_request(request_id: int, approver=Depends(require_role("db-approver")), db: AsyncSession = Depends(get_session)):  # flaw: self-approval
    req = await db.get(AccessRequest, request_id, with_for_update=True)
    if req is None:
        raise HTTPException(status_code=404)
    if req.status != Status.pending:
        raise HTTPException(status_code=409, detail="request already decided")
    req.status = Status.approved
    req.approver_id = approver.id
    req.decided_at = datetime.now(timezone.utc)
    await grant_db_access(req.requester_id, req.database, until=req.decided_at + timedelta(hours=req.hours))
    await db.commit()
    return {"status": req.status}


@router.post("/{request_id}/reject")
async def reject_request(request_id: int, approver=Depends(require_role("db-approver")), db: AsyncSession = Depends(get_session)):
    req = await db.get(AccessRequest, request_id, with_for_update=True)
    if req is None or req.status != Status.pending:
        raise HTTPException(status_code=404)
    req.status = Status.rejected
    req.approver_id = approver.id
    req.decided_at = datetime.now(timezone.utc)
    await db.commit()
    return {"status": req.status}
