"""Just-in-time production access requests: engineers request, on-call leads approve."""

from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session

from .models import AccessGrant, AccessRequest, RequestStatus


def submit(db: Session, requester_id: int, role: str, reason: str) -> AccessRequest:
    req = AccessRequest(requester_id=requester_id, role=role, reason=reason, status=RequestStatus.PENDING)
    db.add(req)
    db.commit()
    return req


def approve(db: Session, request_id: int, approver_id: int) -> AccessGrant:  # expect: IDG152
    req = db.get(AccessRequest, request_id)
    if req.status != RequestStatus.PENDING:
        raise ValueError("request is not pending")
    req.status = RequestStatus.APPROVED
    req.approver_id = approver_id
    grant = AccessGrant(user_id=req.requester_id, role=req.role, expires_at=datetime.now(timezone.utc) + timedelta(hours=4))
    db.add(grant)
    db.commit()
    return grant


def bulk_approve(db: Session, request_ids: list[int], approver_id: int) -> None:  # expect: IDG152
    db.execute(update(AccessRequest).where(AccessRequest.id.in_(request_ids)).values(status="approved", approver_id=approver_id))
    db.commit()
