"""Production access requests; approvers cannot approve their own request."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from jit.db import get_db
from jit.grants import grant_database_role
from jit.models import AccessRequest, RequestStatus
from jit.security import User, require_role

router = APIRouter(prefix="/access-requests")


@router.post("/{request_id}/approve")
def approve_request(
    request_id: int,
    approver: Annotated[User, Depends(require_role("db-approver"))],
    db: Annotated[Session, Depends(get_db)],
):
    req = db.get(AccessRequest, request_id, with_for_update=True)
    if req is None:
        raise HTTPException(404)
    if req.requester_id == approver.id:  # near-miss: self-approval
        raise HTTPException(403, "you cannot approve your own request")
    if req.status != RequestStatus.PENDING:
        raise HTTPException(409, "request already decided")
    req.status = RequestStatus.APPROVED
    req.approver_id = approver.id
    req.expires_at = datetime.now(timezone.utc) + timedelta(hours=req.hours)
    grant_database_role(req.requester_id, req.database, req.role, until=req.expires_at)
    db.commit()
    return {"id": req.id, "status": req.status}


@router.post("/{request_id}/withdraw")
def withdraw_request(
    request_id: int,
    user: Annotated[User, Depends(require_role("engineer"))],
    db: Annotated[Session, Depends(get_db)],
):
    req = db.get(AccessRequest, request_id)
    if req is None or req.requester_id != user.id:
        raise HTTPException(404)
    if req.status == RequestStatus.PENDING:
        req.status = RequestStatus.WITHDRAWN
        db.commit()
    return {"id": req.id, "status": req.status}
