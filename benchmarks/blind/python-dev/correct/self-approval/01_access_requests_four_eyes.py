"""JIT database access approvals; requesters cannot approve their own requests."""
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import require_role
from app.db import get_session
from app.grants import grant_db_access
from app.models import AccessRequest

router = APIRouter(prefix="/access-requests")


@router.post("/{request_id}/approve")
async def approve_request(request_id: int, approver=Depends(require_role("db-approver")), db: AsyncSession = Depends(get_session)):
    req = await db.get(AccessRequest, request_id, with_for_update=True)
    if req is None:
        raise HTTPException(status_code=404)
    if req.status != "pending":
        raise HTTPException(status_code=409, detail="request already decided")
    if req.requester_id == approver.id:  # near-miss: self-approval
        raise HTTPException(status_code=403, detail="requesters cannot approve their own access")
    req.status = "approved"
    req.approver_id = approver.id
    req.decided_at = datetime.now(timezone.utc)
    await grant_db_access(req.requester_id, req.database, until=req.decided_at + timedelta(hours=req.hours))
    await db.commit()
    return {"status": req.status}
