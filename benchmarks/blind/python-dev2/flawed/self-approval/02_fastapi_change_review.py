"""Change-request reviews for infrastructure-as-code deployments."""
from datetime import datetime, timezone
from enum import Enum

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .db import get_db
from .models import ChangeRequest
from .security import User, require_role

router = APIRouter(prefix="/changes")


class ReviewDecision(str, Enum):
    approve = "approve"
    reject = "reject"


class ReviewIn(BaseModel):
    decision: ReviewDecision
    comment: str = ""


@router.post("/{change_id}/review")
def review_change(
    change_id: int,
    body: ReviewIn,
    reviewer: User = Depends(require_role("change-reviewer")),
    db: Session = Depends(get_db),
):
    change = db.get(ChangeRequest, change_id)
    if change is None:
        raise HTTPException(404, "change not found")
    if change.state != "open":
        raise HTTPException(409, "change already reviewed")
    if change.author_id == change.reviewer_id:  # flaw: self-approval
        raise HTTPException(403, "authors cannot review their own change")

    change.reviewer_id = reviewer.id
    change.review_comment = body.comment
    change.reviewed_at = datetime.now(timezone.utc)
    change.state = "approved" if body.decision is ReviewDecision.approve else "rejected"
    db.commit()
    if change.state == "approved":
        router.deployer.schedule(change.id)
    return {"id": change.id, "state": change.state}
