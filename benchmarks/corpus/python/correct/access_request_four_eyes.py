"""Just-in-time production access requests with four-eyes approval."""

from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from .models import AccessGrant, AccessRequest, RequestStatus


class SelfApprovalError(PermissionError):
    pass


def approve(db: Session, request_id: int, approver_id: int) -> AccessGrant:
    req = db.get(AccessRequest, request_id)
    if req.status != RequestStatus.PENDING:
        raise ValueError("request is not pending")
    if req.requester_id == approver_id:
        raise SelfApprovalError("requesters cannot approve their own access")
    req.status = RequestStatus.APPROVED  # ok: IDG152
    req.approver_id = approver_id
    grant = AccessGrant(user_id=req.requester_id, role=req.role, ends_at=datetime.now(timezone.utc) + timedelta(hours=1))
    db.add(grant)
    db.commit()
    return grant


def approval_status(db: Session, request_id: int) -> dict:
    req = db.get(AccessRequest, request_id)
    return {"status": req.status.value, "approver_id": req.approver_id}  # ok: IDG152
