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


def ensure_independent_reviewer(change: ChangeRequest, reviewer: User) -> None:
    if reviewer.id in {change.author_id, *change.co_author_ids}:
        raise HTTPException(403, "authors cannot review their own change")


@router.post("/{change_id}/review")
def review_change(
    change_id: int,
    body: ReviewIn,
    reviewer: User = Depends(require_role("change-reviewer")),
    db: Session = Depends(get_db),
):
    change = db.get(ChangeRequest, change_id, with_for_update=True)
    if change is None:
        raise HTTPException(404, "change not found")
    if change.state != "open":
        raise HTTPException(409, "change already reviewed")
    ensure_independent_reviewer(change, reviewer)

    change.reviewer_id = reviewer.id
    change.review_comment = body.comment
    change.reviewed_at = datetime.now(timezone.utc)
    change.state = "approved" if body.decision is ReviewDecision.approve else "rejected"
    db.commit()
    return {"id": change.id, "state": change.state}


@router.post("/{change_id}/comment")
def comment(change_id: int, text: str, user: User = Depends(require_role("engineer")), db: Session = Depends(get_db)):
    change = db.get(ChangeRequest, change_id)
    if change is None:
        raise HTTPException(404, "change not found")
    change.comments.append({"by": user.id, "text": text})
    db.commit()
    return {"ok": True}
